"""A hostile ingestion corpus, generated (never committed): what a careless crawl, a broken export or
an attacker hands newsdesk, mixed with good articles that must all land.

``write_corpus(folder)`` writes the files and returns one :class:`Case` per item with the outcome
newsdesk must reach: ``"stored"``, or a piece of the rejection reason. ``transport()`` is the
``httpx.MockTransport`` that serves the URL cases (a gzip bomb, a page behind a redirect...), so
nothing touches the network. ``check(folder)`` ingests the whole corpus into a fresh store and
reports every outcome and the process's peak RSS::

    python -m newsdesk.testing.hostile /tmp/hostile          # write, ingest, print a JSON report

The big items (a 50 MB page, a 5 MB one-line text, a feed of 100 000 entries, HTML nested 100 000
deep, gzip bombs) are built at run time in a few seconds.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import resource
import sys
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from newsdesk.testing.articles import GOOD_ARTICLES, GoodArticle, as_html, as_text

XSS = "<script>window.__pwned=1</script>"
JS_URL = "javascript:alert(document.cookie)"

#: What the gzip bombs expand to: far past any cap, yet a few MB compressed.
BOMB_BYTES = 1_000_000_000


@dataclass(frozen=True)
class Case:
    source: str  # the source newsdesk reports for the item (path, URL, or container#item)
    kind: str  # what the item tries, for the report
    expect: str  # "stored", or a fragment of the rejection reason


def _good(slug: str) -> GoodArticle:
    return next(a for a in GOOD_ARTICLES if a.slug == slug)


# Fictional Cyrillic and Japanese reports, for the mislabelled-encoding pages.
RUSSIAN = (
    "Городской совет Заречья в понедельник утвердил план ремонта старого моста через реку Ольху. "
    "По словам главы совета Ивана Лесного, работы продлятся восемь месяцев и обойдутся городу в "
    "четыре миллиона рублей. На время ремонта жителей будет перевозить временный паром, а "
    "автобусы пойдут в объезд через плотину, что добавит к поездке около десяти минут. "
    "Жители смогут высказать своё мнение о расписании парома в ратуше до пятницы."
)
JAPANESE = (
    "ケスウィン谷で 先週末 遅い霜が 降り、 リンゴの花の 約三分の一が 被害を 受けたと、 "
    "生産者組合が 火曜日に 発表した。 組合の アナ・ペルトビッチ 代表は、 土曜日の夜に 気温が "
    "氷点下四度まで 下がったと 述べた。 「これほど 遅い霜は 誰も 覚えていない」と 彼女は 話した。 "
    "組合は 農業省に 加盟する 百四十の 農家への 緊急支援を 求めている。 高い斜面の 果樹園は "
    "ほとんど 被害を 免れたと いう。 次の 調査は 六月に 予定されている。"
)
RTL = (
    "Council leader Tomas Rell spoke to Arabic and Hebrew radio after the vote: "
    "قال رئيس المجلس إن الجسر سيغلق ثمانية أشهر — אמר ראש המועצה שהגשר ייסגר לשמונה חודשים. "
    "Names with combining marks: Ze\u0301lie Ma\u0308rtens, N\u0303uno Perei\u0301ra. "
    "An override character \u202ereversed text\u202c and an isolate \u2067عربي\u2069 sit in this line. "
)


def write_corpus(folder: Path) -> list[Case]:
    """Write the hostile corpus into ``folder`` (created); return its cases, in no special order."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def put(name: str, data: bytes | str, kind: str, expect: str, source: str = "") -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Case(source or str(path), kind, expect))
        return path

    # --- good articles, plain -------------------------------------------------------------------
    put("bridge-courier.html", as_html(_good("bridge-courier")), "good HTML page", "stored")
    put("bridge-herald.txt", as_text(_good("bridge-herald")), "good text", "stored")
    put("orchard-gazette.html", as_html(_good("orchard-gazette")), "good HTML page", "stored")

    # --- script and javascript: payloads in title, author, quotes, URLs (stored; rendered inert)
    post = _good("bridge-post")
    payload_body = post.body.replace("Rell told", f"Rell {XSS} told")
    payload = GoodArticle(post.slug, post.title, post.outlet, post.published, payload_body)
    put("payloads.html", as_html(payload, title=f"{post.title} {XSS}", author=f"{XSS} Ann Vey",
                                  url=JS_URL),
        "<script> in title, author, a quote; javascript: canonical URL", "stored")  # fmt: skip

    # --- encodings ------------------------------------------------------------------------------
    times = _good("orchard-times")
    put("utf16-bom.txt", codecs.BOM_UTF16_LE + as_text(times).encode("utf-16-le"),
        "UTF-16 with BOM", "stored")  # fmt: skip
    wire = _good("orchard-wire")
    put("utf16-nobom.txt", as_text(wire).encode("utf-16-le"), "UTF-16 without BOM", "stored")
    put("cp1251-as-utf8.html",
        _page("Совет закрывает мост", RUSSIAN, "utf-8").encode("cp1251"),
        "Windows-1251 page labelled UTF-8", "stored")  # fmt: skip
    put("shift-jis-as-utf8.html",
        _page("ケスウィン谷で遅霜", JAPANESE, "utf-8").encode("shift_jis"),
        "Shift-JIS page labelled UTF-8", "stored")  # fmt: skip
    # Invalid UTF-8 in an otherwise English page: decoded by detection, the bad bytes replaced.
    broken = as_html(_good("bridge-herald"), title="Bridge closure, invalid bytes").encode()
    broken = broken.replace(b"corrosion", b"corr\xc3\x28sion\xff\xfe").replace(
        b"ferry", b"f\xe2\x82rry"
    )
    put("invalid-utf8.html", broken, "invalid UTF-8 sequences", "stored")
    controls = as_text(_good("orchard-gazette")).replace("growers said", "growers\x00 said\x07")
    controls = controls.replace("cooperative", "co\x1boperative", 1)
    put("nul-controls.txt", controls, "NUL bytes and control characters in text", "stored")
    put("rtl-combining.txt", as_text(_good("bridge-courier")).replace("\n\n", f"\n\n{RTL}\n\n", 1),
        "right-to-left, bidi overrides, combining characters", "stored")  # fmt: skip

    # --- broken or useless files ---------------------------------------------------------------
    put("zero.html", b"", "zero-byte file", "empty file")
    put("blank.txt", b"  \n\t\n  ", "whitespace only", "empty file")
    put("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "PNG named .html",
        "binary content (image/png)")  # fmt: skip
    put("random.txt", bytes((i * 7919 + 13) % 256 for i in range(50_000)),
        "random bytes named .txt", "binary content")  # fmt: skip
    put("exe.html", b"\x7fELF\x02\x01\x01" + bytes(4000), "ELF executable named .html",
        "binary content (application/x-executable)")  # fmt: skip
    put("stub.html", "<html><body><p>Subscribe to read.</p></body></html>", "paywall stub",
        "no article text found")  # fmt: skip

    # --- size, depth, length ---------------------------------------------------------------------
    with (folder / "huge.html").open("wb") as out:  # 50 MB, written in pieces
        out.write(b"<html><body><article>")
        para = ("<p>" + _good("bridge-courier").body.replace("\n\n", " ") + "</p>\n").encode()
        for _ in range(50_000_000 // len(para) + 1):
            out.write(para)
        out.write(b"</article></body></html>")
    cases.append(Case(str(folder / "huge.html"), "50 MB page", "exceeds size cap 10 MB"))
    deep = "<div>" * 100_000 + "<p>" + " ".join(["deep"] * 60) + "</p>" + "</div>" * 100_000
    put("deep.html", f"<html><body>{deep}</body></html>", "HTML nested 100 000 levels",
        "nested too deep")  # fmt: skip
    line = " ".join(_good("orchard-wire").body.split())
    put("one-line.txt", (line + " ") * (5_000_000 // (len(line) + 1) + 1), "one 5 MB line",
        "article text too long")  # fmt: skip

    # --- gzip ------------------------------------------------------------------------------------
    put("bomb.html.gz", _gzip_zeros(BOMB_BYTES), "gzip bomb file (1 GB of zeros)",
        "decompressed size exceeds cap")  # fmt: skip
    put("truncated.html.gz", gzip.compress(as_html(_good("bridge-post")).encode())[:300],
        "truncated gzip", "corrupt gzip data")  # fmt: skip

    # --- WARC: one good page, one bomb, one 404 ------------------------------------------------
    warc_path = folder / "crawl.warc.gz"
    warc_path.write_bytes(_warc())
    cases += [
        Case(f"{warc_path}#https://news.example/frost", "good page in a WARC", "stored"),
        Case(f"{warc_path}#https://news.example/bomb", "gzip bomb inside a WARC record",
             "exceeds size cap"),
        Case(f"{warc_path}#https://news.example/gone", "404 inside a WARC", "HTTP 404"),
    ]  # fmt: skip
    cut = put("cut.warc.gz", _warc()[:700], "WARC truncated inside a record", "")
    cases[-1] = Case(f"{cut}#https://news.example/frost", cases[-1].kind, "cut short")
    put("stub.warc.gz", _warc()[:300], "WARC truncated before its first record",
        "unreadable WARC")  # fmt: skip

    # --- JSON Lines with broken lines --------------------------------------------------------------
    jl = folder / "export.jsonl"
    gazette = _good("orchard-gazette")
    lines = [
        json.dumps({"id": "ok", "title": "Growers count frost damage", "outlet": "Valley Radio",
                    "published": "2031-05-06", "text": gazette.body.replace("Keswin", "Keswin's")}),
        '{"id": "cut", "text": "The record stops in the mid',
        json.dumps({"id": "js", "title": XSS, "url": JS_URL, "author": XSS,
                    "text": gazette.body.replace("said", "reported")}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "empty", "title": "No body"}),
        "\x00\x01 not json at all",
    ]  # fmt: skip
    jl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases += [
        Case(f"{jl}#ok", "good JSONL record", "stored"),
        Case(f"{jl}#L2", "JSONL line cut short", "invalid JSON on line 2"),
        Case(f"{jl}#js", "script / javascript: URL in JSONL metadata", "stored"),
        Case(f"{jl}#L4", "JSON nested 100 000 deep", "nested too deep"),
        Case(f"{jl}#L5", "JSONL record that is a list", "not an object"),
        Case(f"{jl}#empty", "JSONL record without text", "neither text nor html"),
        Case(f"{jl}#L7", "JSONL line of control bytes", "invalid JSON on line 7"),
    ]  # fmt: skip
    put("nested.json", "[" * 100_000 + "]" * 100_000, "JSON document nested 100 000 deep",
        "nested too deep")  # fmt: skip

    # --- a feed of 100 000 entries (its first few link to good pages) ----------------------------
    feed = folder / "firehose.rss"
    with feed.open("w", encoding="utf-8") as rss:
        rss.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Firehose</title>\n')
        for n in range(100_000):
            rss.write(
                f"<item><title>Item {n}</title><link>https://feed.example/{n}</link></item>\n"
            )
        rss.write("</channel></rss>\n")
    cases.append(Case("https://feed.example/0", "feed entry → good page", "stored"))
    cases.append(Case("https://feed.example/1", "feed entry → page behind a redirect", "stored"))
    cases.append(Case("https://feed.example/2", "feed entry → 404", "HTTP 404"))
    cases += [Case(f"https://feed.example/{n}", "feed entry → empty page", "empty file")
              for n in range(3, 50)]  # fmt: skip
    cases.append(Case(str(feed), "feed with 100 000 entries (entries past 50 never parsed)",
                      "ignored"))  # fmt: skip
    cases.append(Case(f"{feed}#50-99999", "feed entries past the cap, reported",
                      "feed holds 100000 entries; only the first 50 were read"))  # fmt: skip

    # --- an XML entity bomb ("billion laughs") in a feed: entities must not expand -------------
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    put("laughs.rss",
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>&l9;</title><item><title>&l9;</title><link>https://feed.example/laughs</link>"
        "</item></channel></rss>", "XML entity bomb in a feed (10^9 expansions)", "ignored")  # fmt: skip
    cases.append(Case("https://feed.example/laughs", "its entry's page (empty)", "empty file"))

    # --- URLs served by transport(): bombs, slow drips, wrong schemes ---------------------------
    put("links.urls", "\n".join(u for u, _, _ in URL_CASES) + "\n", "URL list", "")
    cases.pop()  # the list itself is no outcome; its URLs are
    cases += [Case(url, kind, expect) for url, kind, expect in URL_CASES]
    return cases


URL_CASES = [
    ("https://bomb.example/page", "gzip bomb over HTTP (Content-Encoding)", "exceeds cap"),
    ("https://bomb.example/file.html.gz", "gzip bomb over HTTP (.gz body)", "binary content"),
    ("https://big.example/page", "60 MB body without Content-Length", "exceeds size cap"),
    ("https://big.example/declared", "Content-Length over the cap", "exceeds size cap"),
    ("https://loop.example/a", "redirect loop", "too many redirects"),
    ("https://hop.example/to-file", "redirect to file://", "redirect to a non-HTTP URL"),
    ("https://hop.example/to-js", "redirect to javascript:", "invalid URL or redirect"),
    ("https://news.example/herald", "good page over HTTP", "stored"),
    ("http://[::1/", "malformed IPv6 host in a URL list", "invalid URL"),
    ("http://xn--/", "malformed IDNA host in a URL list", "invalid URL"),
]


def _page(title: str, body: str, charset: str) -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )


def _gzip_zeros(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    parts = [compressor.compress(block) for _ in range(size >> 20)]
    parts.append(compressor.flush())
    return b"".join(parts)


_BOMB: dict[str, bytes] = {}  # built once per process: the MockTransport serves it per request


def _bomb() -> bytes:
    if "gz" not in _BOMB:
        _BOMB["gz"] = _gzip_zeros(BOMB_BYTES)
    return _BOMB["gz"]


def _warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    pages = [
        ("https://news.example/frost", "200 OK", as_html(_good("orchard-times")).encode(), {}),
        ("https://news.example/bomb", "200 OK", _bomb(), {"Content-Encoding": "gzip"}),
        ("https://news.example/gone", "404 Not Found", b"<html>gone</html>", {}),
    ]
    for uri, status, body, extra in pages:
        headers = StatusAndHeaders(
            status, [("Content-Type", "text/html; charset=utf-8"), *extra.items()],
            protocol="HTTP/1.1",
        )  # fmt: skip
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


def transport() -> httpx.MockTransport:
    """Serves the URL cases and the pages the hostile feed links to; anything else is a 404."""
    requested: list[str] = []
    herald = as_html(_good("bridge-herald")).encode()
    frost = as_html(_good("orchard-wire")).encode()

    def handle(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        requested.append(url)
        html = {"content-type": "text/html; charset=utf-8"}
        if url == "https://bomb.example/page":
            return httpx.Response(200, headers={**html, "content-encoding": "gzip"},
                                  stream=_Chunks(_bomb()))  # fmt: skip
        if url == "https://bomb.example/file.html.gz":
            return httpx.Response(200, headers={"content-type": "application/gzip"},
                                  stream=_Chunks(_bomb()))  # fmt: skip
        if url == "https://big.example/page":
            return httpx.Response(200, headers=html, stream=_Chunks(b"<p>x</p>" * 7_500_000))
        if url == "https://big.example/declared":
            return httpx.Response(200, headers={**html, "content-length": "60000000"},
                                  stream=_Chunks(b""))  # fmt: skip
        if url.startswith("https://loop.example/"):
            return httpx.Response(302, headers={"location": "/b" if url.endswith("a") else "/a"})
        if url == "https://hop.example/to-file":
            return httpx.Response(302, headers={"location": "file:///etc/passwd"})
        if url == "https://hop.example/to-js":
            return httpx.Response(302, headers={"location": JS_URL})
        if url == "https://news.example/herald":
            return httpx.Response(200, headers=html, content=herald)
        if url == "https://feed.example/0":
            return httpx.Response(200, headers=html, content=frost)
        if url == "https://feed.example/1":
            return httpx.Response(301, headers={"location": "https://news.example/herald"})
        if url.startswith("https://feed.example/") and url.rsplit("/", 1)[1] not in ("2",):
            return httpx.Response(200, headers=html, content=b"")
        return httpx.Response(404, headers=html, content=b"<html>not found</html>")

    mock = httpx.MockTransport(handle)
    mock.requested = requested  # type: ignore[attr-defined]
    return mock


class _Chunks(httpx.SyncByteStream):
    """A body streamed in 64 KB pieces, as a socket would deliver it."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self):  # type: ignore[no-untyped-def]
        for start in range(0, len(self.data), 65536):
            yield self.data[start : start + 65536]


# --- running it ------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    Linux's ``VmHWM`` where there is one: ``ru_maxrss`` survives ``execve``, so a process started
    from a big parent (pytest with spaCy and torch loaded: 1.4 GB) would report the parent's peak
    as its own. Elsewhere ``ru_maxrss`` (KB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def check(folder: Path, db: Path | None = None) -> dict[str, Any]:
    """Write the corpus to ``folder``, ingest it (through the mock transport) into a fresh store,
    and report every case's outcome, the stored and rejected items, and the peak RSS."""
    from newsdesk import jobs
    from newsdesk.ingest import IngestOptions
    from newsdesk.store import open_store

    start_rss = peak_rss_mb()
    cases = write_corpus(folder / "corpus")
    inputs = sorted(str(p) for p in (folder / "corpus").iterdir())
    mock = transport()
    # the corpus's feed cases are written for a cap of 50 entries (the default reads more)
    options = IngestOptions(transport=mock, retries=0, sleep=lambda _s: None, max_feed_entries=50)
    with open_store(db or folder / "hostile.db") as store:
        report = jobs.ingest(inputs, store, options=options)
        stored = {a.source: a for a in store.articles()}
        integrity = store.integrity_check()
    rejected = {r.source: r.reason for r in report.rejected}
    outcomes = []
    for case in cases:
        if case.source in stored:
            got = "stored"
        elif case.source in rejected:
            got = rejected[case.source]
        else:
            got = "ignored"
        ok = got == case.expect if case.expect in ("stored", "ignored") else case.expect in got
        outcomes.append({**asdict(case), "got": got, "ok": ok})
    known = {c.source for c in cases}
    return {
        "outcomes": outcomes,
        "unexpected": sorted(s for s in [*stored, *rejected] if s not in known),
        "stored": {
            s: {"title": a.title, "author": a.author, "url": a.url, "text": a.text}
            for s, a in stored.items()
        },
        "requested": mock.requested,  # type: ignore[attr-defined]
        "integrity": integrity,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_at_start_mb": round(start_rss, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Write, ingest and check the corpus under FOLDER; the full report goes to
    FOLDER/report.json, a table of outcomes to stdout. Exit 1 when any outcome is wrong."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m newsdesk.testing.hostile FOLDER", file=sys.stderr)
        return 2
    folder = Path(args[0])
    result = check(folder)
    (folder / "report.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    for o in result["outcomes"]:
        if not o["source"].startswith("https://feed.example/"):
            print(f"{'ok ' if o['ok'] else 'BAD'} | {o['kind']} | {o['got']}")
    print(f"peak RSS {result['peak_rss_mb']} MB (at start {result['rss_at_start_mb']} MB)")
    return 0 if all(o["ok"] for o in result["outcomes"]) and not result["unexpected"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
