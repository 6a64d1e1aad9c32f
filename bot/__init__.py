"""The Rasa project (config, domain, endpoints) and the bot's custom actions.

Rasa itself runs in the bot env (Python 3.10); the actions in `bot.actions` run in the
switchboard (app env). Nothing here imports `rasa`.
"""
