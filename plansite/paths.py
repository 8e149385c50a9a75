"""Every path the project uses, defined once."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SCHEMAS = ROOT / "schemas"
TEMPLATES = Path(__file__).resolve().parent / "templates"
SEED = ROOT / "reference" / "tianmen-sti-plan-14th-fyp.zh.txt"
