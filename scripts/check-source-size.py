#!/usr/bin/env python3
"""Fails when a C++ file of a folder is longer than --max-file lines or holds a function (or any
other top-level block: a class, a namespace-level lambda) longer than --max-function lines.

Blocks are found by braces outside comments, string and character literals; `namespace x {`
does not open a block, so a function inside a namespace counts from its own first line. A
block's length runs from the line where it opens through its closing brace (the signature
lines above the brace are not counted; a signature longer than a line is still short).

Usage: check-source-size.py DIR [--max-file 300] [--max-function 60]
       check-source-size.py --self-test
"""
import argparse
import pathlib
import re
import sys
import tempfile

STRIP = re.compile(r'//[^\n]*|/\*.*?\*/|R"(?P<d>[^(\s]*)\(.*?\)(?P=d)"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                   re.S)


def blank(match):
    # Keep the newlines so line numbers stay true.
    return re.sub(r'[^\n]', ' ', match.group(0))


def long_blocks(text, limit):
    code = STRIP.sub(blank, text)
    depth, opened_at, found = 0, None, []
    namespaces = 0  # namespace braces do not count as depth
    pending_namespace = False
    for number, line in enumerate(code.split('\n'), start=1):
        if re.match(r'\s*(inline\s+)?namespace\b', line):
            pending_namespace = True
        for ch in line:
            if ch == '{':
                if pending_namespace and depth == 0:
                    namespaces += 1
                    pending_namespace = False
                    continue
                if depth == 0:
                    opened_at = number
                depth += 1
            elif ch == '}':
                if depth == 0:
                    namespaces -= 1
                    continue
                depth -= 1
                if depth == 0 and number - opened_at + 1 > limit:
                    found.append((opened_at, number - opened_at + 1))
        if ';' in line:
            pending_namespace = False
    return found


def check(folder, max_file, max_function):
    problems = []
    for path in sorted(pathlib.Path(folder).glob('*.[ch]pp')):
        text = path.read_text(encoding='utf-8')
        lines = text.count('\n')
        if lines > max_file:
            problems.append(f'{path}: {lines} lines (at most {max_file})')
        for line, length in long_blocks(text, max_function):
            problems.append(f'{path}:{line}: a block of {length} lines (at most {max_function})')
    return problems


def self_test():
    long_function = 'namespace a {\nint f() {\n' + '  int x = 0;\n' * 60 + '  return "}";\n}\n}\n'
    short_function = 'namespace a {\nint f() {\n  // }\n  return \'{\';\n}\n}\n'
    with tempfile.TemporaryDirectory() as tmp:
        pathlib.Path(tmp, 'long.cpp').write_text(long_function)
        pathlib.Path(tmp, 'short.cpp').write_text(short_function)
        found = check(tmp, 50, 60)
    expected = [f'{tmp}/long.cpp: 65 lines (at most 50)', f'{tmp}/long.cpp:2: a block of 63 lines (at most 60)']
    if found != expected:
        print('self-test failed:', found, file=sys.stderr)
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('folder', nargs='?')
    parser.add_argument('--max-file', type=int, default=300)
    parser.add_argument('--max-function', type=int, default=60)
    parser.add_argument('--self-test', action='store_true')
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    problems = check(args.folder, args.max_file, args.max_function)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
