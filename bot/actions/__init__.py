"""Custom actions of the bot. The switchboard registers this package with rasa-sdk's
`ActionExecutor` and runs the actions in-process (ARCHITECTURE.md); they never import `rasa`.
"""
