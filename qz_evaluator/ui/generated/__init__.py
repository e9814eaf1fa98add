"""Python modules generated from forms/*.ui by scripts/build_forms.py; do not edit."""
