"""The wheel and the sdist: built from the checkout, the wheel installed into a throwaway venv.

Slow (builds both and a venv). The installed copy must find its styles and
content inside site-packages, not in the checkout; both archives carry the
LICENSE, and the sdist the docs the README links to.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import exback_tui

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(REPO_ROOT)], out)
    (built,) = out.glob("exback-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh venv outside the checkout with only the wheel installed (no dependencies)."""
    root = tmp_path_factory.mktemp("venv")
    env_dir = root / "env"
    _run([sys.executable, "-m", "venv", str(env_dir)], root)
    python = env_dir / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], root)
    return env_dir


@pytest.fixture(scope="module")
def site_packages(venv: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    out = _run([str(venv / "bin" / "python"), "-c", code], venv).stdout.strip()
    return Path(out).resolve()


def test_wheel_is_named_for_the_version(wheel: Path) -> None:
    assert wheel.name.startswith(f"exback-{exback_tui.__version__}-")


def test_wheel_ships_content(wheel_names: set[str]) -> None:
    assert "exback_tui/content/actions.toml" in wheel_names
    shipped = {n for n in wheel_names if n.startswith("exback_tui/content/")}
    checkout = {
        "exback_tui/content/" + p.relative_to(REPO_ROOT / "content").as_posix()
        for p in (REPO_ROOT / "content").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert checkout <= shipped, sorted(checkout - shipped)


def test_wheel_ships_styles(wheel_names: set[str]) -> None:
    in_checkout = sorted((REPO_ROOT / "styles").glob("*.tcss"))
    if not in_checkout:
        pytest.skip("styles/ holds no .tcss file yet, so there is nothing to ship")
    shipped = {n for n in wheel_names if n.startswith("exback_tui/styles/")}
    assert shipped, "the wheel has no exback_tui/styles/ entries"
    expected = {f"exback_tui/styles/{p.name}" for p in in_checkout}
    assert expected <= shipped, sorted(expected - shipped)
    assert "exback_tui/styles/app.tcss" in shipped


def test_wheel_ships_every_module(wheel_names: set[str]) -> None:
    package = REPO_ROOT / "exback_tui"
    expected = {
        p.relative_to(REPO_ROOT).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert expected <= wheel_names, sorted(expected - wheel_names)
    assert not [n for n in wheel_names if n.startswith("tests/")]


def test_wheel_ships_its_own_exback_script(wheel: Path) -> None:
    """`exback` is our script, not a console-script entry point (whose wrapper imports `re`)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        script = archive.read(f"exback-{exback_tui.__version__}.data/scripts/exback").decode()
        entry_points = [archive.read(n).decode() for n in names if n.endswith("entry_points.txt")]
    assert script.startswith("#!python\n")
    assert "exback_tui.cli.dispatch import main" in script
    assert not any("console_scripts" in text for text in entry_points)


def test_installed_console_script_prints_version(venv: Path, tmp_path: Path) -> None:
    result = _run([str(venv / "bin" / "exback"), "--version"], tmp_path)
    assert result.stdout == f"exback {exback_tui.__version__}\n"


def test_installed_module_prints_version(venv: Path, tmp_path: Path) -> None:
    result = _run([str(venv / "bin" / "python"), "-m", "exback_tui", "--version"], tmp_path)
    assert result.stdout == f"exback {exback_tui.__version__}\n"


def test_installed_today_needs_no_dependencies(venv: Path, tmp_path: Path) -> None:
    """`exback today` runs with none of textual, tinydb, dateutil or platformdirs installed."""
    result = _run(
        [str(venv / "bin" / "exback"), "--data-dir", str(tmp_path / "data"), "today", "--short"],
        tmp_path,
    )
    assert result.stdout == "NC -\n"


# What `exback today` must never import: it is meant for a shell prompt. The last two
# cost about 2 ms each and have lean stand-ins (domain/record.py, domain/datetypes.py).
HEAVY_FOR_TODAY = ("re", "textual", "tinydb", "dateutil", "collections", "datetime")


def test_installed_today_imports_nothing_heavy(venv: Path, tmp_path: Path) -> None:
    """The installed command, run as a shell runs it, imports none of `HEAVY_FOR_TODAY`."""
    script = venv / "bin" / "exback"
    assert script.read_text().startswith(f"#!{venv / 'bin' / 'python'}"), "shebang not rewritten"
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-X", "importtime", str(script)]
        + ["--data-dir", str(tmp_path / "data"), "today"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "exback_tui.cli.today" in imported, "importtime output not understood"
    top_level = {name.split(".")[0] for name in imported}
    assert not top_level & set(HEAVY_FOR_TODAY), sorted(top_level & set(HEAVY_FOR_TODAY))


def test_installed_package_finds_its_own_resources(
    venv: Path, site_packages: Path, tmp_path: Path
) -> None:
    code = (
        "import exback_tui\n"
        "from exback_tui.resources import content_dir\n"
        "print(exback_tui.__file__)\n"
        "print(content_dir())\n"
    )
    lines = _run([str(venv / "bin" / "python"), "-c", code], tmp_path).stdout.splitlines()
    package_file, content = (Path(line).resolve() for line in lines)
    assert package_file.is_relative_to(site_packages)
    assert content.is_relative_to(site_packages), content
    assert not content.is_relative_to(REPO_ROOT)
    assert (content / "actions.toml").is_file()


def test_installed_package_finds_styles_and_content(
    venv: Path, site_packages: Path, tmp_path: Path
) -> None:
    if not list((REPO_ROOT / "styles").glob("*.tcss")):
        pytest.skip("styles/ holds no .tcss file yet, so the wheel has no styles folder")
    code = (
        "from exback_tui.resources import styles_dir, content_dir\n"
        "print(styles_dir())\n"
        "print(content_dir())\n"
    )
    out = _run([str(venv / "bin" / "python"), "-c", code], tmp_path).stdout.splitlines()
    styles, content = (Path(p).resolve() for p in out)
    for folder in (styles, content):
        assert folder.is_relative_to(site_packages), folder
        assert not folder.is_relative_to(REPO_ROOT), folder
    assert styles == site_packages / "exback_tui" / "styles"
    assert content == site_packages / "exback_tui" / "content"
    assert (styles / "app.tcss").is_file()


# Shell completion, driven in a real bash ------------------------------------------------

# Load the script as the README says, then press TAB the way bash does: set COMP_WORDS
# and COMP_CWORD, call the function `complete -p exback` names, print COMPREPLY.
BASH_TAB = r"""
source <(exback completion bash) || exit 3
complete -p exback
function_name=$(complete -p exback | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
tab() {
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    "$function_name" exback "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    echo "$* -> ${COMPREPLY[*]}"
}
tab exback jo
tab exback journal se
tab exback completion ''
tab exback export --format ''
"""


def test_bash_completes_exback_jo_to_journal(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("exback")
    assert script.exists(), "the exback console script is not installed in this venv"
    env = {k: v for k, v in os.environ.items() if k not in ("BASH_ENV", "ENV")}
    env["PATH"] = f"{script.parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", BASH_TAB],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("complete ") and lines[0].endswith(" exback")
    assert lines[1:] == [
        "exback jo -> journal",
        "exback journal se -> search",
        "exback completion  -> bash zsh fish",
        "exback export --format  -> md json",
    ], result.stdout


def test_the_wheel_declares_shtab(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(
            archive.read(n).decode()
            for n in archive.namelist()
            if n.endswith(".dist-info/METADATA")
        )
    assert "Requires-Dist: shtab" in metadata


# The license, the metadata, the sdist -----------------------------------------------------


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    _run([sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(REPO_ROOT)], out)
    (built,) = out.glob("exback-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def sdist_names(sdist: Path) -> set[str]:
    """The sdist's members, without the leading "exback-<version>/" (like `tar tzf`)."""
    with tarfile.open(sdist) as archive:
        return {name.partition("/")[2] for name in archive.getnames()}


def _wheel_metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode()


def test_the_license_is_mit_as_pyproject_declares() -> None:
    text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the exback authors\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_the_wheel_lists_the_license(wheel: Path, wheel_names: set[str]) -> None:
    (license_name,) = (n for n in wheel_names if n.endswith("/LICENSE"))
    assert license_name == f"exback-{exback_tui.__version__}.dist-info/licenses/LICENSE"
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(license_name) == (REPO_ROOT / "LICENSE").read_bytes()


def test_the_wheel_metadata_has_urls_classifiers_and_the_license(wheel: Path) -> None:
    metadata = _wheel_metadata(wheel)
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    urls = dict(re.findall(r"^Project-URL: ([^,]+), (\S+)$", metadata, re.MULTILINE))
    assert {"Homepage", "Source", "Issues", "Documentation"} <= set(urls), urls
    assert all(url.startswith("https://") for url in urls.values()), urls
    classifiers = re.findall(r"^Classifier: (.+)$", metadata, re.MULTILINE)
    assert "Environment :: Console" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert not [c for c in classifiers if c.startswith("License ::")]  # the expression says it


def test_the_sdist_lists_the_license_docs_and_what_make_needs(sdist_names: set[str]) -> None:
    for name in ("LICENSE", "README.md", "pyproject.toml", "Makefile", "constraints.txt"):
        assert name in sdist_names, name
    assert "docs/RELIABILITY.md" in sdist_names
    assert "exback_tui/cli/today.py" in sdist_names
    assert "bin/exback" in sdist_names  # the wheel built from it installs the command
    assert "content/actions.toml" in sdist_names


def test_every_file_the_readme_links_to_is_in_the_sdist(sdist_names: set[str]) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    links = {target for target in re.findall(r"\]\(([^)#\s]+)\)", readme) if "://" not in target}
    links |= set(re.findall(r"`(docs/[^`]+)`", readme))
    assert "docs/images/dashboard.png" in links and "docs/RELIABILITY.md" in links
    assert sorted(links - sdist_names) == []
