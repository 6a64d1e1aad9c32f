"""The Rasa project (config, domain, endpoints) and the bot's custom actions.

Rasa itself runs in the bot env (Python 3.10); the actions in `bot.actions` run in the
switchboard (app env) and never import `rasa`; `bot.nlu_worker` is the one module that runs in
the bot env and does.
"""
