"""The command line's surface: one way to name a graph source, old spellings that still work
and say the new one, errors that name the file, a closed pipe, `-o` into a missing folder,
and README usage lines that name the options `--help` shows."""
from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from regionkg import Graph
from regionkg.cli import build_parser, main
from regionkg.store import load_files, open_store

DATA = ROOT / "tests" / "data"
README = ROOT / "README.md"
READERS = ("query", "view", "link", "validate", "timeline")   # commands that read a graph source
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "builders")}


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    """The three test reports built as Turtle."""
    out = tmp_path_factory.mktemp("surface") / "g.ttl"
    assert main(["build", str(DATA), "-o", str(out), "-q"]) == 0
    return out


def commands() -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser, from argparse itself."""
    parser = build_parser()
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def visible_options(sub: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """The options --help shows (help and hidden old spellings left out), by their longest name."""
    return {max(a.option_strings, key=len): a for a in sub._actions
            if a.option_strings and a.help is not argparse.SUPPRESS and not isinstance(a, argparse._HelpAction)}


def run(argv: list[str], capsys) -> tuple[int, str]:
    status = main(argv)
    return status, capsys.readouterr().err


# ---------------------------------------------------------------- one graph-source group

@pytest.mark.parametrize("name", [*READERS, "push"])
def test_every_reading_command_names_its_source_the_same_way(name):
    options = visible_options(commands()[name])
    assert options["--graph"].metavar == "FILE" and isinstance(options["--graph"], argparse._AppendAction)
    assert options["--store"].metavar == "DIR"
    if name == "push":
        assert "--endpoint" not in options and {"--to", "--graph-iri", "--data", "--update-url"} <= set(options)
    else:
        assert options["--endpoint"].metavar == "URL" and "--user" in options
    assert ("--wikidata" in options) == (name == "link")


def test_build_and_query_live_in_command_modules():
    parser = build_parser()
    assert parser.parse_args(["build", "x", "-o", "y.ttl"]).func.__module__ == "regionkg.build_command"
    assert parser.parse_args(["query", "--list"]).func.__module__ == "regionkg.query_command"
    cli = (ROOT / "builders" / "regionkg" / "cli.py").read_text("utf-8")
    assert "def _build" not in cli and "def _query" not in cli


@pytest.mark.parametrize("name", ["view", "validate"])
def test_graph_files_as_arguments_still_work_and_say_the_new_spelling(name, graph, tmp_path, capsys):
    extra = ["-o", str(tmp_path / "v.html")] if name == "view" else []
    new, new_err = run([name, "--graph", str(graph), *extra], capsys)
    old, old_err = run([name, str(graph), *extra], capsys)
    assert new == old == 0 and "deprecated" not in new_err
    assert old_err.count("deprecated") == 1
    assert f"regionkg {name}: deprecated: graph files as arguments; use --graph FILE\n" in old_err


def test_link_takes_graph_files_as_arguments_too(graph, tmp_path, capsys):
    """Offline with an empty cache: the file is read, its regions asked for, and no answer is there."""
    status, err = run(["link", str(graph), "-o", str(tmp_path / "l.ttl"), "--offline", "--cache", str(tmp_path),
                       "--kind", "region"], capsys)
    assert status == 1 and "offline and no cached answer" in err
    assert "regionkg link: deprecated: graph files as arguments; use --graph FILE\n" in err


def test_one_source_exactly(graph, tmp_path, capsys):
    for name in ("query", "validate", "timeline"):
        argv = [name, "reports"] if name == "query" else [name]
        for sources in ([], ["--graph", str(graph), "--store", str(tmp_path)]):
            status, err = run([*argv, *sources], capsys)
            assert status == 2 and "give one graph source: --graph FILE, --store DIR or --endpoint URL" in err
    status, err = run(["push", "--to", "http://127.0.0.1:9"], capsys)
    assert status == 2 and "give one graph source: --graph FILE or --store DIR" in err


# ---------------------------------------------------------------- errors that name the file

MISSING_CASES = {
    "query": ["query", "reports", "--graph", "{x}"],
    "view": ["view", "--graph", "{x}", "-o", "{tmp}/v.html"],
    "link": ["link", "--graph", "{x}", "-o", "{tmp}/l.ttl", "--offline"],
    "validate": ["validate", "--graph", "{x}"],
    "timeline": ["timeline", "--graph", "{x}"],
    "push": ["push", "--graph", "{x}", "--to", "http://127.0.0.1:9"],
}


@pytest.mark.parametrize("name", sorted(MISSING_CASES))
def test_a_missing_graph_file_is_named(name, tmp_path, capsys):
    missing = tmp_path / "x.ttl"
    argv = [a.format(x=missing, tmp=tmp_path) for a in MISSING_CASES[name]]
    status, err = run(argv, capsys)
    assert status == 2 and f"{missing}: no such file" in err and "os error" not in err
    assert err.startswith(f"regionkg {name}: ")


@pytest.mark.parametrize("name", sorted(MISSING_CASES))
def test_a_graph_file_that_does_not_parse_is_named_with_its_line(name, tmp_path, capsys):
    bad = tmp_path / "x.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', "utf-8")
    argv = [a.format(x=bad, tmp=tmp_path) for a in MISSING_CASES[name]]
    status, err = run(argv, capsys)
    assert status == 2 and f"{bad}: not valid Turtle: " in err and "line 3" in err


def test_the_python_api_names_the_missing_file(tmp_path):
    missing = tmp_path / "x.ttl"
    for load in (Graph.load, lambda f: load_files([f])):
        with pytest.raises(FileNotFoundError, match=re.escape(f"{missing}: no such file")):
            load(missing)
    with pytest.raises(FileNotFoundError, match="no store here"):
        open_store(tmp_path / "none")
    with pytest.raises(IsADirectoryError, match="a folder, not a graph file"):
        load_files([tmp_path])


def test_output_into_a_missing_folder_is_an_error(graph, tmp_path, capsys):
    folder = tmp_path / "missing" / "dir"
    cases = {"build": ["build", str(DATA), "-o", str(folder / "g.ttl"), "-q"],
             "view": ["view", "--graph", str(graph), "-o", str(folder / "x.html")],
             "link": ["link", "--graph", str(graph), "-o", str(folder / "l.ttl"), "--offline"]}
    for name, argv in cases.items():
        status, err = run(argv, capsys)
        assert status == 2 and err.startswith(f"regionkg {name}: {folder}: no such folder"), err
    assert not (tmp_path / "missing").exists()


# ---------------------------------------------------------------- a closed pipe

def test_piping_into_head_ends_quietly(graph, tmp_path):
    everything = tmp_path / "all.rq"
    everything.write_text("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "utf-8")   # far more than a pipe holds
    command = (f"{shlex.quote(sys.executable)} -m regionkg query {shlex.quote(str(everything))} "
               f"--graph {shlex.quote(str(graph))} --iris --format tsv | head -1; echo \"status ${{PIPESTATUS[0]}}\"")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=ENV, timeout=120)
    assert done.stdout == "s\tp\to\nstatus 141\n"     # as a program ended by SIGPIPE
    assert "Traceback" not in done.stderr and done.stderr == ""


@pytest.mark.parametrize("argv", [["query", "reports", "--graph", "{g}"], ["timeline", "--graph", "{g}"],
                                  ["chains"], ["chains", "--format", "ttl"]], ids=["query", "timeline", "chains", "ttl"])
def test_a_reader_gone_before_the_output_is_no_traceback(argv, graph):
    """The pipe is closed before the command writes (it is still starting up)."""
    proc = subprocess.Popen([sys.executable, "-m", "regionkg", *[a.format(g=graph) for a in argv]],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 141)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


# ---------------------------------------------------------------- the README says what --help says

def readme_blocks() -> list[tuple[str, list[str]]]:
    """Fenced blocks of the README: their info string and lines."""
    blocks, info, lines, indent = [], None, [], 0
    for line in README.read_text("utf-8").splitlines():
        fence = re.match(r"(\s*)```(\S*)", line)
        if fence and info is None:
            indent, info, lines = len(fence.group(1)), fence.group(2), []
        elif fence:
            blocks.append((info, lines))
            info = None
        elif info is not None:
            lines.append(line[indent:])
    return blocks


def usage_lines() -> dict[str, str]:
    """Each command's usage: the lines starting `regionkg CMD` in the README's plain fenced
    blocks (no language), with their indented continuation lines."""
    usages: dict[str, str] = {}
    for info, lines in readme_blocks():
        if info:
            continue
        current = None
        for line in lines:
            command = re.match(r"regionkg ([a-z]+)(?:\s|$)", line)
            if command:
                current = command.group(1)
                usages[current] = usages.get(current, "") + " " + line
            elif current and line.startswith(" "):
                usages[current] += " " + line
            else:
                current = None
    return usages


@pytest.mark.parametrize("name", sorted(commands()))
def test_the_readme_usage_names_the_options_of_help(name):
    usage = usage_lines().get(name)
    assert usage, f"README.md has no usage line for `regionkg {name}` in a plain ``` block"
    sub = commands()[name]
    named = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", usage))
    unknown = {o for o in named if o not in sub._option_string_actions}
    assert not unknown, f"the README names options `regionkg {name}` does not have: {sorted(unknown)}"
    hidden = {o for o in named if sub._option_string_actions[o].help is argparse.SUPPRESS}
    assert not hidden, f"the README names old spellings: {sorted(hidden)}"
    shown = {max(sub._option_string_actions[o].option_strings, key=len) for o in named}
    assert shown == set(visible_options(sub)), f"left out of the README: {sorted(set(visible_options(sub)) - shown)}"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_option_has_help_text(name):
    for option, action in visible_options(commands()[name]).items():
        assert action.help, f"regionkg {name} {option} has no help text"


def readme_examples() -> list[str]:
    """The `regionkg …` commands of the README's ```sh blocks, comments left out."""
    found = []
    for info, lines in readme_blocks():
        if info == "sh":
            for line in "\n".join(lines).replace("\\\n", " ").splitlines():
                line = re.sub(r"\s+#.*", "", line).strip()
                if line.startswith("regionkg "):
                    found.append(line)
    return found


def test_the_readme_examples_use_the_current_spellings(capsys):
    parser, examples = build_parser(), readme_examples()
    assert len(examples) > 20
    for command in examples:
        try:
            parser.parse_args(shlex.split(command)[1:])
        except SystemExit:
            pytest.fail(f"the README example does not parse: {command}")
        assert "deprecated" not in capsys.readouterr().err, command
