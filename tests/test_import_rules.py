"""The import rules of the tree (docs/architecture.md), checked on every run from the source alone.

Why: the layers only hold if nothing quietly reaches across them. A service that imports NiceGUI
cannot be used by a command-line export or a test without a page; a feature that reaches into
another feature's UI breaks when that page is redrawn; a core that knows a feature is no base.

What is what:
- **core/** and **models/** are the base: they import neither `nicegui` nor `components`,
  `pages` or `features`.
- A module of `features/<feature>/` is a **UI module** when its name says so (`page.py`,
  `*_page.py`, `*_tab.py`), when a `.js` or `.css` file of the same name sits beside it (a UI
  piece with its client code), or when it imports `nicegui` or `components` itself. Every other
  module of a feature (`service.py`, `audit.py`, `calendar_file.py`, `__init__.py`, ...) is a
  **service module**.
- Rules for features:
  1. a service module never imports a UI module, of its own feature or another one (so a service
     cannot become UI by the back door: it would have to import nicegui itself, and then every
     feature that imports it breaks rule 3);
  2. a module called `service.py` never imports `nicegui` or `components` (it is a service by name);
  3. a module of feature A imports of feature B only service modules: features meet through their
     services. The one exception: `features/admin/page.py` assembles /admin from the `*_tab.py`
     modules each feature owns.
- **components/** (shared UI) may import feature services, never a feature's UI module.

Every import counts, also one inside a function. The failure lists every violation as
`file:line: what (why)`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE_PACKAGES = ("core", "models")
FORBIDDEN_IN_BASE = ("nicegui", "components", "pages", "features")
UI_SUFFIXES = ("_page", "_tab")
ASSEMBLER = "features.admin.page"  # /admin: the tabs of every feature in one page


@dataclass(frozen=True)
class Import:
    source: str  # dotted module that imports
    target: str  # dotted module imported (a package's submodule when `from package import module`)
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_path(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imports_of(path: Path) -> list[Import]:
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [Import(source, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, node.module] if node.module else anchor)
            else:
                base = node.module or ""
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                # `from features.moderation import service` imports the module features.moderation.service
                found.append(Import(source, submodule if module_path(submodule) else base, node.lineno))
    return list(dict.fromkeys(found))  # `from x import a, b` is one import of x


def top(name: str) -> str:
    return name.split(".")[0]


def feature_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "features" and len(parts) > 1 else None


def is_ui(name: str, imports: dict[str, list[Import]]) -> bool:
    """UI by name, by client code beside it, or by importing NiceGUI or shared UI itself."""
    path = module_path(name)
    if path is None or path.name == "__init__.py":
        return False
    stem = path.stem
    if stem == "page" or stem.endswith(UI_SUFFIXES):
        return True
    if any(path.with_suffix(suffix).is_file() for suffix in (".js", ".css")):
        return True
    return any(top(item.target) in ("nicegui", "components") for item in imports.get(name, []))


def where(item: Import) -> str:
    path = module_path(item.source)
    return f"{path.relative_to(ROOT) if path else item.source}:{item.line}"


def violations() -> list[str]:
    files = [path for package in ("core", "models", "components", "features")
             for path in sorted((ROOT / package).rglob("*.py"))]
    imports = {module_name(path): imports_of(path) for path in files}
    found: list[str] = []
    for source, items in imports.items():
        layer, feature = top(source), feature_of(source)
        for item in items:
            target, target_feature = item.target, feature_of(item.target)
            target_is_feature_ui = target_feature is not None and is_ui(target, imports)
            if layer in BASE_PACKAGES and top(target) in FORBIDDEN_IN_BASE:
                found.append(f"{where(item)}: {source} imports {target} ({layer}/ is the base: "
                             f"no {', '.join(FORBIDDEN_IN_BASE)})")
            if layer == "components" and target_is_feature_ui:
                found.append(f"{where(item)}: {source} imports {target} (shared UI may use a feature's "
                             "services, never its UI)")
            if feature is None:
                continue
            source_is_ui = is_ui(source, imports)
            if source.endswith(".service") and top(target) in ("nicegui", "components"):
                found.append(f"{where(item)}: {source} imports {target} (a service.py never imports "
                             "nicegui or components)")
            elif not source_is_ui and target_is_feature_ui:
                found.append(f"{where(item)}: {source} imports {target} (a service module never imports "
                             "a UI module)")
            if target_feature is not None and target_feature != feature and target_is_feature_ui:
                if source == ASSEMBLER and target.rpartition(".")[2].endswith("_tab"):
                    continue
                found.append(f"{where(item)}: {source} imports {target} (features meet through service "
                             f"modules; {target} is UI of features/{target_feature}/)")
    return found


def test_the_tree_keeps_its_import_rules() -> None:
    found = violations()
    assert found == [], f"{len(found)} import rule violation(s):\n" + "\n".join(found)


def test_the_rules_see_what_they_are_meant_to_see() -> None:
    """The checker itself: it must find the imports it judges, or a passing run proves nothing."""
    services = {module_name(path) for path in ROOT.glob("features/*/service.py")}
    assert "features.contributions.service" in services
    moderation_service = {item.target for item in imports_of(ROOT / "features/moderation/service.py")}
    assert "features.contributions.service" in moderation_service
    imports = {module_name(path): imports_of(path) for path in (ROOT / "features").rglob("*.py")}
    assert is_ui("features.wall.page", imports) and is_ui("features.moderation.moderation_list", imports)  # name, .js
    assert is_ui("features.moderation.console", imports)  # imports nicegui
    assert not is_ui("features.moderation.audit", imports) and not is_ui("features.agenda.service", imports)
