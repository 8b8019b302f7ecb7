"""Projects: projects and their tasks, comments on tasks, notifications."""
