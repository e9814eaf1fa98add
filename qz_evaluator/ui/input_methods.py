"""Typing Chinese on Linux: which input-method plugins this Qt has, and advice when the
desktop's input method (fcitx) has none.

PySide6's wheels, and so the bundle, carry Qt's `ibus` and `compose` input-context
plugins only. Most Chinese Linux desktops (UOS, Kylin) run fcitx or fcitx5; without a
fcitx plugin Qt falls back to `compose` and Chinese cannot be typed in the window. No
fcitx5 plugin built for PySide6's Qt is published, and a distribution's
fcitx5-frontend-qt6 is built against its own Qt's private API: Debian 12's (Qt 6.4)
does not load into Qt 6.12 (an undefined `Qt_6_PRIVATE_API` symbol). fcitx5 also speaks
the IBus protocol (its IBus frontend), so `QT_IM_MODULE=ibus` works with it.
`input_method_advice` is what `qz-evaluator --self-test` reports as a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

FCITX_KEYS = frozenset({"fcitx", "fcitx5"})
PLUGIN_FOLDER = "platforminputcontexts"
BUILT_IN = frozenset({"wayland"})  # Wayland's text-input lives in the platform plugin

IM_ADVICE_TEMPLATE = (
    "The desktop's input method is fcitx ({variable}={value}), but this program's Qt "
    "{qt_version} has no fcitx plugin (it has: {plugins}), so Chinese cannot be typed in "
    "its window. Start it with QT_IM_MODULE=ibus (e.g. `QT_IM_MODULE=ibus qz-evaluator`): "
    "IBus and fcitx5 (through its IBus frontend) both answer it. Otherwise switch the "
    "desktop to fcitx5 or IBus, or add a fcitx5 Qt plugin built for Qt {qt_version} to "
    "the program's {folder} folder (a distribution's fcitx5-frontend-qt6 is built for its "
    "own Qt version and does not load)."
)
MISSING_PLUGIN_TEMPLATE = (
    "QT_IM_MODULE={value} names an input method this program's Qt {qt_version} has no "
    "plugin for (it has: {plugins}); unset it or set QT_IM_MODULE=ibus."
)


def plugin_key(file_name: str) -> str:
    """'libfcitx5platforminputcontextplugin.so' → 'fcitx5', 'ibusplatforminputcontextplugin.dll'
    → 'ibus' (the key is what QT_IM_MODULE names; Qt's plugins follow this naming)."""
    name = file_name.split(".", 1)[0].lower()
    name = name.removeprefix("lib")
    return name.removesuffix("plugin").removesuffix("platforminputcontext") or name


def available_plugins(plugin_dirs: Iterable[Path]) -> set[str]:
    """The input-context plugins found in Qt's plugin folders."""
    found: set[str] = set()
    for folder in plugin_dirs:
        contexts = Path(folder) / PLUGIN_FOLDER
        if contexts.is_dir():
            found |= {
                plugin_key(p.name)
                for p in contexts.iterdir()
                if p.suffix in {".so", ".dll", ".dylib"}
            }
    return found


def _requested(env: Mapping[str, str]) -> tuple[str, str] | None:
    """The variable that names the input-method plugin Qt will ask for, and its value."""
    modules = env.get("QT_IM_MODULES", "").strip()  # Qt ≥ 6.8: a ';'-separated list
    if modules:
        return "QT_IM_MODULES", modules.split(";")[0].strip().lower()
    single = env.get("QT_IM_MODULE", "").strip()
    if single:
        return "QT_IM_MODULE", single.lower()
    return None


def _fcitx_desktop(env: Mapping[str, str]) -> tuple[str, str] | None:
    """Where the environment says the desktop runs fcitx, without naming Qt's plugin."""
    xmodifiers = env.get("XMODIFIERS", "")
    if "@im=fcitx" in xmodifiers.lower():
        return "XMODIFIERS", xmodifiers
    for variable in ("GTK_IM_MODULE", "SDL_IM_MODULE", "INPUT_METHOD"):
        value = env.get(variable, "")
        if value.strip().lower() in FCITX_KEYS:
            return variable, value
    return None


def input_method_advice(
    env: Mapping[str, str], available_plugins: Iterable[str], *, qt_version: str = "6"
) -> str | None:
    """What to do when the environment asks for an input method this Qt cannot load
    (fcitx above all), or None when typing works as configured."""
    plugins = {p.lower() for p in available_plugins}
    listed = ", ".join(sorted(plugins)) or "none"
    requested = _requested(env)
    if requested is not None:
        variable, value = requested
        if value in plugins or value in BUILT_IN:
            return None
        if value in FCITX_KEYS:
            return IM_ADVICE_TEMPLATE.format(
                variable=variable,
                value=value,
                qt_version=qt_version,
                plugins=listed,
                folder=PLUGIN_FOLDER,
            )
        return MISSING_PLUGIN_TEMPLATE.format(value=value, qt_version=qt_version, plugins=listed)
    desktop = _fcitx_desktop(env)
    if desktop is None or plugins & FCITX_KEYS:
        return None
    variable, value = desktop
    return IM_ADVICE_TEMPLATE.format(
        variable=variable, value=value, qt_version=qt_version, plugins=listed, folder=PLUGIN_FOLDER
    )
