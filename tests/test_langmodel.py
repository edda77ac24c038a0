"""The language model kept in one file that every process maps (aggregator/langmodel.py):
the same answers as the model loaded in memory, written once, and a process that maps
it holds no copy of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aggregator import langmodel
from aggregator import rules as builtin
from aggregator.classify import LANGUAGE_SAMPLE_CHARS
from aggregator.corpus import corpus_files, load_corpus
from aggregator.sanitize import html_to_text
from tests.labelled import load

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = builtin.LANGUAGES

#: Texts unlike the corpus: short, shouting, mixed, accented, markup-like, empty.
ODD_TEXTS = [
    "",
    "a",
    "Cobalt prices fall",
    "APPEL À PROPOSITIONS : DATE LIMITE LE 30 JUIN 2027",
    "CONVOCATORIA ABIERTA PARA ORGANIZACIONES DE LA SOCIEDAD CIVIL",
    "Los precios del cobalto bajan otra vez en el mercado",
    "Call for proposals – appel à propositions – convocatoria de propuestas",
    "é è ê ë à â ç ñ ü ö ß œ æ ø å",
    "<p>Budget: USD 100,000</p> · Duration: 24 months · 2 décembre 2026",
    "1234567890 !!! ??? ... --- ***",
    "\u202e\u200b zero width and bidi \u2066marks\u2069",
    "日本語のテキストと English words mixed together in one line",
    "Responsible minerals " * 40,
]


def corpus_texts() -> list[str]:
    """What detection reads of each labelled item: its title and text, as classify joins them."""
    tuning, frozen = corpus_files(ROOT / "tests" / "data" / "calls")
    items = [case.item for case in load_corpus([*tuning, *frozen])]
    items += [labelled.item for labelled in load()]
    texts = []
    for item in items:
        body = html_to_text(item.content or item.summary or "")
        texts.append((f"{item.title}. {body}" if body else item.title)[:LANGUAGE_SAMPLE_CHARS])
    return texts


@pytest.fixture(scope="module")
def in_memory():
    return langmodel.loaded(LANGUAGES)


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("state") / "aggregator.db.langid"
    assert langmodel.from_file(path, LANGUAGES) is not None
    return path


def test_the_mapped_model_gives_every_text_the_same_language_and_confidence(
    in_memory, model_file: Path
) -> None:
    mapped = langmodel.from_file(model_file, LANGUAGES)
    assert mapped is not None
    texts = corpus_texts() + ODD_TEXTS
    assert len(texts) > 500
    assert [mapped.classify(text) for text in texts] == [in_memory.classify(t) for t in texts]
    assert [mapped.rank(text) for text in ODD_TEXTS] == [in_memory.rank(t) for t in ODD_TEXTS]


def test_the_file_holds_the_models_own_arrays(in_memory, model_file: Path) -> None:
    import numpy as np

    mapped = langmodel.from_file(model_file, LANGUAGES)
    assert mapped is not None
    assert mapped.nb_classes == in_memory.nb_classes
    assert mapped.nb_ptc.dtype == in_memory.nb_ptc.dtype
    assert np.array_equal(mapped.nb_ptc, in_memory.nb_ptc)
    assert mapped.nb_pc.dtype == in_memory.nb_pc.dtype
    assert np.array_equal(mapped.nb_pc, in_memory.nb_pc)
    assert mapped.tk_nextmove.tolist() == in_memory.tk_nextmove.tolist()
    assert list(mapped.tk_row) == list(in_memory.tk_row)
    assert list(mapped._rowbase) == list(in_memory._rowbase)
    assert mapped.tk_output == in_memory.tk_output
    with pytest.raises(TypeError):  # read-only: no process can change the shared pages
        mapped.tk_nextmove[0] = 1
    with pytest.raises(ValueError):
        mapped.nb_ptc[0, 0] = 1


def test_the_file_is_written_once_then_only_read(model_file: Path) -> None:
    before = model_file.stat()
    assert langmodel.from_file(model_file, LANGUAGES) is not None
    after = model_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not [p.name for p in model_file.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut short"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"not a model at all" + data[100:], id="another file"),
        pytest.param(lambda data: data.replace(b'"key": "', b'"key": "0', 1), id="another model"),
    ],
)
def test_a_file_that_is_not_this_model_is_written_again(
    tmp_path: Path, model_file: Path, in_memory, spoil
) -> None:
    path = tmp_path / "aggregator.db.langid"
    path.write_bytes(spoil(model_file.read_bytes()))
    mapped = langmodel.from_file(path, LANGUAGES)
    assert mapped is not None
    assert path.read_bytes() == model_file.read_bytes()
    assert [mapped.classify(text) for text in ODD_TEXTS] == [
        in_memory.classify(text) for text in ODD_TEXTS
    ]


def test_what_a_writer_killed_midway_left_is_cleared_when_the_file_is_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "aggregator.db.langid"
    left = tmp_path / ".aggregator.db.langid.x1y2z3.tmp"
    left.write_bytes(b"half a model")
    assert langmodel.from_file(path, LANGUAGES) is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aggregator.db.langid"]


def test_a_folder_it_cannot_write_in_means_no_file_and_no_error(tmp_path: Path) -> None:
    assert langmodel.from_file(tmp_path / "gone" / "aggregator.db.langid", LANGUAGES) is None
    assert not (tmp_path / "gone").exists()


def test_the_file_sits_beside_the_database() -> None:
    assert langmodel.shared_path(Path("/srv/state/aggregator.db")) == Path(
        "/srv/state/aggregator.db.langid"
    )


MEASURE = """
import json, sys
from pathlib import Path
import numpy, py3langid.langid
from aggregator import langmodel

def own_kb():
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1])

before = own_kb()
if sys.argv[1] == "mapped":
    identifier = langmodel.from_file(Path(sys.argv[2]), ("en", "fr", "es"))
else:
    identifier = langmodel.loaded(("en", "fr", "es"))
answer = identifier.classify("Appel à propositions pour les coopératives minières du Kivu")
print(json.dumps({"mb": (own_kb() - before) / 1024, "answer": answer}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_process_that_maps_the_file_holds_no_copy_of_the_model(model_file: Path) -> None:
    """What each parsing process of a run pays for the model: 58 MB of its own memory
    when it loads it, a few MB (a list py3langid reads fastest) when it maps the file."""

    def measure(how: str) -> dict:
        finished = subprocess.run(
            [sys.executable, "-c", MEASURE, how, str(model_file)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        return json.loads(finished.stdout)

    mapped, loaded = measure("mapped"), measure("loaded")
    assert mapped["answer"] == loaded["answer"]
    assert mapped["answer"][0] == "fr"
    assert loaded["mb"] > 40
    assert mapped["mb"] < 10


TEXTS = {
    "en": "Call for proposals: support to artisanal mining cooperatives in the Great Lakes",
    "fr": "Appel à propositions pour les coopératives minières artisanales des Grands Lacs",
    "es": "Convocatoria de propuestas para cooperativas mineras artesanales de la región",
}


def partner_feed(n: int, round_: int) -> bytes:
    items = "".join(
        f"<item><title>{text} {n}-{round_}</title><link>https://p{n}.example.org/{code}/{round_}"
        f"</link><guid>p{n}-{code}-{round_}</guid><description>{text}. {text}.</description></item>"
        for code, text in TEXTS.items()
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Partner {n}</title>'
        f"<link>https://p{n}.example.org/</link>{items}</channel></rss>"
    ).encode()


def test_a_runs_parsing_processes_write_the_model_once_and_map_it(server, write_config) -> None:
    """`aggregator run` in a process of its own, with two parsing processes detecting
    the language of items whose feeds declare none."""
    import sqlite3

    from werkzeug import Response

    round_ = [1]
    for n in range(4):
        server.expect_request(f"/feed{n}.xml").respond_with_handler(
            lambda request, n=n: Response(
                partner_feed(n, round_[0]), content_type="application/rss+xml"
            )
        )
    config = write_config(
        [{"name": f"P{n}", "url": server.url_for(f"/feed{n}.xml")} for n in range(4)],
        fetch={"workers": 2, "read_timeout": 5, "total_timeout": 20},
    )
    command = [sys.executable, "-c", "from aggregator.cli import main; main()", "run", "-c"]
    model = config.parent / "test.db.langid"

    def run() -> None:
        subprocess.run([*command, str(config)], cwd=ROOT, check=True, capture_output=True)

    run()
    assert model.exists()
    written = model.stat()
    round_[0] = 2
    run()
    again = model.stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    with sqlite3.connect(config.parent / "test.db") as db:
        found = db.execute("select title, language from items").fetchall()
    assert len(found) == 4 * 3 * 2
    for title, language in found:
        assert title.startswith(TEXTS[language]), (title, language)
