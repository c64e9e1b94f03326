"""The Textual app: screens, step widgets and styles. Drives coach.engine; never parses YAML."""
