"""Reads INI texts as botocore's raw_config_parse does (RawConfigParser defaults, UTF-8), and prints
what it made of each: a JSON list, one entry per input, for the differential tests.

stdin: a JSON list of strings (file contents). stdout: a JSON list of
{"sections": [[name, {key: value}]...]} or {"error": kind, "line": n | "lines": [n...]}.
"""
import configparser
import json
import os
import sys
import tempfile


def read(text):
    # Through a real file, as botocore reads one: universal newlines, the locale's (UTF-8) codec.
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    cp = configparser.RawConfigParser()
    try:
        cp.read([path])
    except configparser.MissingSectionHeaderError as e:
        return {"error": "missing-section-header", "line": e.lineno}
    except configparser.DuplicateSectionError as e:
        return {"error": "duplicate-section", "line": e.lineno, "section": e.section}
    except configparser.DuplicateOptionError as e:
        return {"error": "duplicate-option", "line": e.lineno, "section": e.section, "key": e.option}
    except configparser.ParsingError as e:
        return {"error": "parsing", "lines": [lineno for lineno, _ in e.errors]}
    finally:
        os.unlink(path)
    return {
        "sections": [
            [name, {option: cp.get(name, option) for option in cp.options(name)}]
            for name in cp.sections()
        ]
    }


print(json.dumps([read(text) for text in json.load(sys.stdin)]))
