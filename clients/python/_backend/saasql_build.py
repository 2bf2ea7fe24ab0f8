"""A PEP 517 / PEP 660 build backend for the saasql package, standard library only.

pip builds a package in an isolated environment holding the backend's requirements; fetching
setuptools for it needs a package index. This backend needs nothing, so
``pip install ./clients/python`` works offline. It writes a pure-Python wheel of the
``saasql`` directory with the metadata of ``pyproject.toml`` (name, version, summary, Python
version, extras, entry points), and an sdist of the source tree.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "saasql"


def _project():
    path = os.path.join(ROOT, "pyproject.toml")
    if tomllib is not None:
        with open(path, "rb") as f:
            return tomllib.load(f)
    return _read_toml(path)


def _read_toml(path):
    """The small subset of TOML pyproject.toml uses (tables, strings, lists, inline tables)."""
    import ast
    data, table = {}, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip() if not raw.strip().startswith("#") else ""
            if not line:
                continue
            if line.startswith("["):
                table = data
                for quoted, bare in re.findall(r'"([^"]*)"|([^."]+)', line.strip("[]")):
                    table = table.setdefault(quoted or bare.strip(), {})
                continue
            key, value = (s.strip() for s in line.split("=", 1))
            value = value.replace("true", "True").replace("false", "False")
            if value.startswith("{"):
                value = "{" + ",".join('"%s":%s' % (k.strip(), v.strip()) for k, v in (
                    item.split("=", 1) for item in value.strip("{}").split(","))) + "}"
            table[key.strip('"')] = ast.literal_eval(value)
    return data


def _metadata():
    project = _project()["project"]
    lines = ["Metadata-Version: 2.1", "Name: " + project["name"],
             "Version: " + project["version"], "Summary: " + project.get("description", "")]
    if "requires-python" in project:
        lines.append("Requires-Python: " + project["requires-python"])
    if "license" in project:
        lines.append("License: " + project["license"].get("text", ""))
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append("Provides-Extra: " + extra)
        for requirement in requirements:
            lines.append('Requires-Dist: %s ; extra == "%s"' % (requirement, extra))
    readme = project.get("readme")
    body = ""
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(ROOT, readme), encoding="utf-8") as f:
            body = f.read()
    return project, "\n".join(lines) + "\n\n" + body


def _entry_points(project):
    out = []
    for group, entries in project.get("entry-points", {}).items():
        out.append("[%s]" % group)
        out.extend("%s = %s" % item for item in entries.items())
        out.append("")
    return "\n".join(out)


def _dist_info(project):
    return "%s-%s.dist-info" % (project["name"], project["version"])


def _wheel_name(project):
    return "%s-%s-py3-none-any.whl" % (project["name"], project["version"])


def _write_wheel(directory, files):
    """files: [(archive name, bytes)]; adds WHEEL-relative RECORD and returns the name."""
    project, metadata = _metadata()
    info = _dist_info(project)
    files = list(files) + [
        (info + "/METADATA", metadata.encode("utf-8")),
        (info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: saasql_build\nRoot-Is-Purelib: true"
                          b"\nTag: py3-none-any\n"),
        (info + "/entry_points.txt", _entry_points(project).encode("utf-8")),
    ]
    record = []
    name = _wheel_name(project)
    with zipfile.ZipFile(os.path.join(directory, name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for arcname, data in files:
            wheel.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append("%s,sha256=%s,%d" % (arcname, digest.decode("ascii"), len(data)))
        record.append(info + "/RECORD,,")
        wheel.writestr(info + "/RECORD", "\n".join(record) + "\n")
    return name


def _package_files():
    base = os.path.join(ROOT, PACKAGE)
    for folder, dirs, names in os.walk(base):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    yield os.path.relpath(path, ROOT).replace(os.sep, "/"), f.read()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _package_files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, [(PACKAGE + ".pth", (ROOT + "\n").encode("utf-8"))])


def build_sdist(sdist_directory, config_settings=None):
    project, metadata = _metadata()
    base = "%s-%s" % (project["name"], project["version"])
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as sdist:
        for arcname in ["pyproject.toml", "README.md", "_backend/saasql_build.py"]:
            sdist.add(os.path.join(ROOT, arcname), base + "/" + arcname)
        for arcname, data in _package_files():
            member = tarfile.TarInfo(base + "/" + arcname)
            member.size = len(data)
            sdist.addfile(member, io.BytesIO(data))
        data = metadata.encode("utf-8")
        member = tarfile.TarInfo(base + "/PKG-INFO")
        member.size = len(data)
        sdist.addfile(member, io.BytesIO(data))
    return name
