"""One widget per step action; :func:`coach.ui.steps.registry.widget_for` picks it."""
