"""Home page panels and menu items of planning."""
