#!/usr/bin/env python3
"""Drives a rehearse review page in headless Chromium and prints what it saw, as one JSON object.

    python review_page.py PAGE.html [--play-word N] [--screenshot PNG] [--width W] [--scheme S]
    python review_page.py PAGE.html --timing RUNS

It acts and observes only; the Rust tests (tests/cli/review.rs) and the benchmark decide what
is right. Every wait is for a state in the page, with a deadline, never for a fixed time. The
browser is Debian's Chromium (installed by scripts/install-deps.sh --test); Playwright drives
it with its own driver and never downloads a browser.
"""

import argparse
import json
import os
import pathlib
import sys

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("REHEARSE_CHROMIUM", "/usr/bin/chromium")
# Nothing in the background may reach the network: the only requests left are the page's own.
ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
WAIT_MS = 30_000

STATIC = """() => {
  const words = [...document.querySelectorAll('#transcript .w')];
  const attrs = (sel, f) => [...document.querySelectorAll(sel)].map(f);
  return {
    title: document.title,
    h1: document.querySelector('h1').textContent,
    scripts: document.querySelectorAll('script').length,
    injected: typeof window.injected !== 'undefined',
    audio_elements: document.querySelectorAll('audio').length,
    words: words.map(w => [w.textContent, w.getAttribute('data-start'), w.getAttribute('data-end')]),
    fillers: attrs('.filler', f => [f.textContent, f.getAttribute('data-start')]),
    // Each long pause with the word just before it, to see it sits in the right gap.
    pauses: (() => {
      let before = null;
      const out = [];
      for (const e of document.querySelectorAll('#transcript .w, #transcript .pause')) {
        if (e.classList.contains('pause')) {
          out.push([e.getAttribute('data-start'), e.getAttribute('data-end'), before]);
        } else {
          before = e.textContent;
        }
      }
      return out;
    })(),
    notes: attrs('.note', n => n.textContent),
    horizontal_overflow: document.documentElement.scrollWidth > window.innerWidth,
    // The page's background and text colours as the browser drew them ("rgb(r, g, b)").
    colours: [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color],
  };
}"""

CURRENT = """() => {
  const words = [...document.querySelectorAll('#transcript .w')];
  const lit = words.filter(w => w.getAttribute('aria-current') === 'true');
  const audio = document.querySelector('audio');
  return {
    lit: lit.map(w => words.indexOf(w)),
    time: audio.currentTime,
    paused: audio.paused,
  };
}"""


def launch(p):
    args = list(ARGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    return p.chromium.launch(executable_path=CHROMIUM, args=args)


def wait(page, predicate, arg=None):
    """Waits until `predicate` holds in the page; False when the deadline passes."""
    try:
        page.wait_for_function(predicate, arg=arg, timeout=WAIT_MS)
        return True
    except PlaywrightTimeout:
        return False


def play_from_word(page, n):
    """Clicks word `n`, then watches the player seek, play on, and answer the space bar."""
    out = {}
    page.evaluate(
        """() => {
          const a = document.querySelector('audio');
          window.__seeks = [];
          a.addEventListener('seeking', () => window.__seeks.push(a.currentTime));
        }"""
    )
    page.click(f"#transcript .w >> nth={n}")
    out["seeked"] = wait(page, "() => window.__seeks.length > 0")
    out["seek_to"] = page.evaluate("() => window.__seeks[0]")
    out["after_click"] = page.evaluate(CURRENT)
    # While it plays, the highlight moves on to a later word.
    out["moved"] = wait(
        page,
        """n => {
          const words = [...document.querySelectorAll('#transcript .w')];
          const lit = document.querySelector('#transcript .w[aria-current="true"]');
          return lit !== null && words.indexOf(lit) > n;
        }""",
        n,
    )
    out["after_playing"] = page.evaluate(CURRENT)
    page.keyboard.press("Space")
    out["space_pauses"] = wait(page, "() => document.querySelector('audio').paused")
    stopped_at = page.evaluate("() => document.querySelector('audio').currentTime")
    page.keyboard.press("Space")
    out["space_plays"] = wait(
        page,
        "t => { const a = document.querySelector('audio'); return !a.paused && a.currentTime > t + 0.2; }",
        stopped_at,
    )
    page.evaluate("() => document.querySelector('audio').pause()")
    return out


def timing(page, url, runs):
    """Milliseconds from navigation start to: the first paint with content, the document parsed
    and its script run (the page answers clicks from then on), the load event, and the
    recording ready to play."""
    keys = ("paint_ms", "interactive_ms", "load_ms", "ready_ms")
    out = {k: [] for k in keys}
    for _ in range(runs):
        page.goto("about:blank")
        page.goto(url)
        wait(page, "() => { const a = document.querySelector('audio'); return !a || a.readyState >= 3; }")
        t = page.evaluate(
            """() => {
              const nav = performance.getEntriesByType('navigation')[0];
              const paint = performance.getEntriesByName('first-contentful-paint')[0];
              return [paint ? paint.startTime : null, nav.domContentLoadedEventEnd,
                      nav.loadEventEnd, performance.now()];
            }"""
        )
        for k, v in zip(keys, t):
            out[k].append(v)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--play-word", type=int)
    ap.add_argument("--screenshot")
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--height", type=int, default=820)
    ap.add_argument("--scheme", default="light", choices=["light", "dark"])
    ap.add_argument("--timing", type=int, metavar="RUNS")
    opts = ap.parse_args()

    url = pathlib.Path(opts.page).resolve().as_uri()
    seen = {"requests": [], "console": []}
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(
            viewport={"width": opts.width, "height": opts.height},
            color_scheme=opts.scheme,
        )
        # data: URLs (the embedded recording) are cut short; any other URL is kept whole.
        page.on(
            "request",
            lambda r: seen["requests"].append(r.url[:80] if r.url.startswith("data:") else r.url),
        )
        page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: seen["console"].append(f"pageerror: {e}"))
        if opts.timing:
            seen["timing"] = timing(page, url, opts.timing)
        else:
            page.goto(url)
            seen["page_url"] = url
            seen.update(page.evaluate(STATIC))
            if seen["audio_elements"]:
                seen["audio_ready"] = wait(
                    page, "() => document.querySelector('audio').readyState >= 1"
                )
                seen["duration"] = page.evaluate("() => document.querySelector('audio').duration")
            if opts.play_word is not None:
                seen["play"] = play_from_word(page, opts.play_word)
            if opts.screenshot:
                page.evaluate("() => window.scrollTo(0, 0)")
                page.mouse.move(0, 0)  # no hover effect left on the clicked word
                page.screenshot(path=opts.screenshot)
        browser.close()
    json.dump(seen, sys.stdout)
    print()


if __name__ == "__main__":
    main()
