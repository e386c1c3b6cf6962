#!/usr/bin/env python3
"""Checks for tests/integration/report_html.sh (python3 standard library only).

  report_html_check.py dom DUMP.html SAMPLE.json KIND   KIND = full | empty | hostile
      Parses Chromium's --dump-dom output (the DOM after parsing, so anything the page's text
      had smuggled in as markup would show up as elements) and checks it against the sample's
      JSON: five gauges, one timeline bar per incident, the tables, and, for the hostile sample,
      that no script/img/iframe/... element or on* attribute exists while the hostile strings are
      there as text.
  report_html_check.py png SHOT.png WIDTH HEIGHT
      Decodes the PNG (zlib + the five PNG row filters), checks its size and that it is not
      blank: many distinct colours, among them the page's readiness colours.
Prints one line per failed expectation and exits 1 if any failed.
"""
import html.parser
import json
import struct
import sys
import zlib

failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs dict)
        self.stack = []
        self.text = {}  # id of an enclosing element -> its text
        self.all_text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag not in ("br", "meta", "path", "line", "rect", "circle", "polyline", "input"):
            self.stack.append((tag, a.get("id")))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.all_text.append(data)
        for _, ident in self.stack:
            if ident:
                self.text[ident] = self.text.get(ident, "") + data

    def by_class(self, tag, cls):
        return [a for t, a in self.elements if t == tag and cls in (a.get("class") or "").split()]

    def by_id(self, ident):
        return [(t, a) for t, a in self.elements if a.get("id") == ident]


def check_dom(dump, sample_json, kind):
    report = json.load(open(sample_json, encoding="utf-8"))
    dom = Dom()
    dom.feed(open(dump, encoding="utf-8", errors="strict").read())
    text = "".join(dom.all_text)

    # Five gauges, one per action, with the readiness class of the JSON.
    gauges = dom.by_class("div", "gauge")
    expect(len(gauges) == 5, f"{kind}: want 5 gauges, have {len(gauges)}")
    for action, score in report["actions"].items():
        found = dom.by_id("gauge-" + action)
        expect(len(found) == 1, f"{kind}: gauge-{action} missing")
        if found:
            cls = found[0][1].get("class", "").split()
            expect(score["readiness"] in cls, f"{kind}: gauge-{action} class {cls}, want {score['readiness']}")
            want = "" if score["percent"] is None else f"{score['percent']:.1f}"
            expect(found[0][1].get("data-percent") == want,
                   f"{kind}: gauge-{action} data-percent {found[0][1].get('data-percent')!r}, want {want!r}")

    # The timeline: one bar per incident of the JSON.
    incidents = sum(len(m["incidents"]) for m in report["metrics"])
    expect(len(dom.by_id("timeline")) == 1, f"{kind}: no #timeline")
    bars = dom.by_class("rect", "incident-bar")
    expect(len(bars) == incidents, f"{kind}: want {incidents} timeline bars, have {len(bars)}")
    scored = sum(len(m["incidents"]) for m in report["metrics"] if m["scored"])
    expect(len(dom.by_class("rect", "scored")) == scored, f"{kind}: scored bars")
    rows = dom.by_class("tr", "incident")
    expect(len(rows) == incidents, f"{kind}: want {incidents} incident rows, have {len(rows)}")

    routing = report["routing"]
    work = [r for r in routing["routes"]
            if (routing["have_rpki"] and r["rov"] != "valid")
            or (routing["have_irr"] and r["irr"] not in ("exact", "less-specific"))]
    route_rows = dom.by_class("tr", "route")
    # Routes needing work + the full list in <details>.
    want_rows = (len(work) + len(routing["routes"])) if routing["routes"] else 0
    expect(len(route_rows) == want_rows, f"{kind}: want {want_rows} route rows, have {len(route_rows)}")
    checks = report["coordination"]["checks"] + report["policy"]["checks"]
    expect(len(dom.by_class("tr", "check")) == len(checks), f"{kind}: check rows")
    expect(len(dom.by_class("article", "fix")) == len(report["fixes"]), f"{kind}: fixes")
    pres = [t for t, _ in dom.elements if t == "pre"]
    expect(len(pres) == sum(1 for f in report["fixes"] if f["text"]), f"{kind}: <pre> per fix text")
    expect((len(dom.by_id("trend")) == 1) == (len(report["history"]) >= 2), f"{kind}: trend chart")
    if routing["have_rpki"]:
        segs = {a["class"].split()[1]: int(a["data-count"]) for a in dom.by_class("rect", "seg")
                if "data-count" in a}
        expect(segs.get("valid", 0) == routing["rpki_valid"], f"{kind}: RPKI valid segment {segs}")
        expect(segs.get("not-found", 0) == routing["rpki_not_found"], f"{kind}: RPKI not-found segment")

    # Nothing active anywhere in the DOM.
    for tag, attrs in dom.elements:
        expect(tag not in ("script", "iframe", "img", "object", "embed", "link", "a", "form", "base",
                           "marquee", "frame"), f"{kind}: unexpected <{tag}> element")
        for name, value in attrs.items():
            expect(not name.startswith("on"), f"{kind}: event handler {name} on <{tag}>")
            expect(name not in ("src", "href", "srcset", "style"), f"{kind}: {name} attribute on <{tag}>")
            expect("http" not in (value or ""), f"{kind}: URL in {name} of <{tag}>")
    styles = [t for t, _ in dom.elements if t == "style"]
    expect(len(styles) == 1, f"{kind}: want one <style>, have {len(styles)}")
    svgs = [a.get("id") or a.get("class") for t, a in dom.elements if t == "svg"]
    want_svgs = 5 + 1 + (1 if routing["have_rpki"] else 0) + (1 if routing["have_irr"] else 0) + \
        (1 if len(report["history"]) >= 2 else 0)
    expect(len(svgs) == want_svgs, f"{kind}: want {want_svgs} <svg>, have {svgs}")
    h1 = [t for t, _ in dom.elements if t == "h1"]
    expect(len(h1) == 1, f"{kind}: want one <h1>, have {len(h1)}")

    # Registry text is there, as text (with control characters replaced by U+FFFD).
    def shown(s):
        out = []
        for ch in s:
            o = ord(ch)
            if ch in "\n\t\r":
                out.append(" ")
            elif o < 0x20 or o == 0x7f or 0x80 <= o <= 0x9f:
                out.append("\ufffd")
            else:
                out.append(ch)
        return "".join(out)

    title = dom.text.get("title", "")
    expect(shown(report["holder"]) in title or not report["holder"],
           f"{kind}: holder not shown as text in the title: {title!r}")
    if kind == "hostile":
        for s in ("<script>alert(\"holder\")</script>", "<img src=x onerror=alert(1)>",
                  "<iframe src=\"javascript:alert(4)\"></iframe>", "<style>body{display:none}</style>",
                  "</pre><script>alert(7)</script>", "<svg onload=alert(8)>", "<marquee>note</marquee>",
                  "<h1>Register</h1>", "<b>2 tests</b>", "<b>bold</b>"):
            expect(s in text, f"hostile: {s!r} not shown as text")
        expect("\x1b" not in text and "\x07" not in text, "hostile: control characters reached the DOM")


def decode_png(path):
    data = open(path, "rb").read()
    expect(data[:8] == b"\x89PNG\r\n\x1a\n", "png: bad signature")
    pos, idat, width, height, depth, colour = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            expect(interlace == 0, "png: interlaced")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    expect(depth == 8 and colour in (2, 6), f"png: want 8-bit RGB(A), have depth {depth} type {colour}")
    bpp = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    expect(len(raw) == height * (stride + 1), "png: image data length")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        else:
            expect(f == 0, f"png: unknown filter {f} in row {y}")
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def check_png(path, want_w, want_h):
    width, height, bpp, rows = decode_png(path)
    expect((width, height) == (want_w, want_h), f"png: want {want_w}x{want_h}, have {width}x{height}")
    colours = {}
    for row in rows[::4]:
        for x in range(0, len(row), bpp * 4):
            px = row[x:x + 3]
            colours[px] = colours.get(px, 0) + 1
    total = sum(colours.values())
    top = max(colours.values())
    expect(len(colours) >= 50, f"png: only {len(colours)} distinct colours: blank?")
    expect(top < 0.9 * total, "png: one colour covers over 90 % of the page: blank?")

    # The readiness colours of the page's CSS (sampled pixels within a small distance).
    def near(rgb, tol=24):
        return sum(n for c, n in colours.items() if all(abs(c[i] - rgb[i]) <= tol for i in range(3)))

    for name, rgb in (("ready green", (0x1a, 0x7f, 0x37)), ("lagging red", (0xc6, 0x28, 0x28)),
                      ("aspiring amber", (0xb7, 0x79, 0x1f))):
        expect(near(rgb) > 50, f"png: no {name} on the page")
    print(f"png: {width}x{height}, {len(colours)} colours in the sample, most common {100 * top / total:.0f} %")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "dom" and len(sys.argv) == 5:
        check_dom(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) >= 2 and sys.argv[1] == "png" and len(sys.argv) == 5:
        check_png(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        print(__doc__)
        return 2
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
