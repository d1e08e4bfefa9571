"""Configuration: settings from the environment and the ones admins edit in the app."""
