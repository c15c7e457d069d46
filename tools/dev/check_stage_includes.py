#!/usr/bin/env python3
"""Checks that the stage libraries' CMake dependencies match their includes.

Every `#include "minispl/<t>/..."` in src/<s>/, include/minispl/<s>/ or tests/unit/<s>/ (test_<s>
links minispl_<s> only) must name stage <s> itself or a stage <s> links, directly or through other
stages (the minispl_stage(...) lines of CMakeLists.txt). An include the link line does not cover builds only by accident (the include
path is shared) and links only when the other stage happens to be on the final link line.

Usage: check_stage_includes.py [SOURCE_DIR]   (default: the repository holding this script)
Exit status 0 when every include is covered, 1 otherwise (one line per offending include).
"""
import pathlib
import re
import sys


def stage_graph(cmake_text):
    """{stage: set of stages it links directly} from the minispl_stage(name deps...) calls."""
    graph = {}
    for m in re.finditer(r"^\s*minispl_stage\(\s*(\w+)([^)]*)\)", cmake_text, re.M):
        graph[m.group(1)] = set(re.findall(r"\bminispl_(\w+)", m.group(2)))
    return graph


def closure(graph, stage):
    seen, todo = set(), [stage]
    while todo:
        for dep in graph.get(todo.pop(), ()):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen | {stage}


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    graph = stage_graph((root / "CMakeLists.txt").read_text())
    if not graph:
        print(f"{root}/CMakeLists.txt: no minispl_stage(...) lines found", file=sys.stderr)
        return 1
    include = re.compile(r'^\s*#\s*include\s+"minispl/(\w+)/')
    problems = 0
    for stage in sorted(graph):
        allowed = closure(graph, stage)
        for base in (root / "src" / stage, root / "include" / "minispl" / stage, root / "tests" / "unit" / stage):
            if not base.is_dir():
                continue
            for path in sorted(p for p in base.rglob("*") if p.suffix in (".cpp", ".hpp", ".h")):
                for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                    m = include.match(line)
                    if m and m.group(1) not in allowed:
                        problems += 1
                        print(f"{path.relative_to(root)}:{lineno}: stage {stage} includes minispl/{m.group(1)}/ "
                              f"but links only {', '.join(sorted(allowed - {stage})) or 'itself'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
