"""shlex.split (posix, no comments) of each string in a JSON list: the words, or {"error": ...}."""
import json
import shlex
import sys


def split(text):
    try:
        return shlex.split(text)
    except ValueError as e:
        return {"error": str(e)}


print(json.dumps([split(text) for text in json.load(sys.stdin)]))
