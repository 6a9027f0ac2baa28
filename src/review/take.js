// rehearse take page: play from any word, time or mark, and follow the transcript while the
// recording plays. The page's contract (src/review/take.rs): words are `.w` elements with
// data-start/data-end in seconds, long pauses `.pause` elements, the one <audio> is the player,
// and the word being played carries aria-current="true".
(function () {
  "use strict";
  var audio = document.querySelector("audio");
  var player = document.querySelector(".player");
  var timeline = document.getElementById("timeline");
  var playhead = document.getElementById("playhead");
  var duration = parseFloat(timeline.getAttribute("data-duration")) || 1;
  var words = Array.prototype.slice.call(document.querySelectorAll("#transcript .w"));
  var starts = words.map(function (w) { return parseFloat(w.getAttribute("data-start")); });
  var pauses = Array.prototype.slice.call(document.querySelectorAll("#transcript .pause"));
  var marks = Array.prototype.slice.call(timeline.querySelectorAll("[data-start]"));
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = -1;
  var currentPause = null;
  var frame = 0;

  function start(el) { return parseFloat(el.getAttribute("data-start")); }
  function end(el) { return parseFloat(el.getAttribute("data-end")); }

  // The word being said at time t: the last one that has started (it stays lit through short
  // gaps), none before the first word or inside a long pause.
  function wordAt(t) {
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= t + 0.02) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function pauseAt(t) {
    for (var i = 0; i < pauses.length; i++) {
      if (t >= start(pauses[i]) && t < end(pauses[i])) { return pauses[i]; }
    }
    return null;
  }

  // Scrolls an element into view when it is hidden behind the player or below the window.
  function reveal(el) {
    var r = el.getBoundingClientRect();
    var top = player ? player.getBoundingClientRect().bottom : 0;
    if (r.top < top + 8 || r.bottom > window.innerHeight - 8) {
      el.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    }
  }

  function show(t, follow) {
    var pause = pauseAt(t);
    var i = pause ? -1 : wordAt(t);
    if (i !== current) {
      if (current >= 0) { words[current].removeAttribute("aria-current"); }
      current = i;
      if (i >= 0) {
        words[i].setAttribute("aria-current", "true");
        if (follow) { reveal(words[i]); }
      }
    }
    if (pause !== currentPause) {
      if (currentPause) { currentPause.classList.remove("now"); }
      currentPause = pause;
      if (pause) {
        pause.classList.add("now");
        if (follow) { reveal(pause); }
      }
    }
    var x = String(Math.max(0, Math.min(1, t / duration)) * 1000);
    playhead.setAttribute("x1", x);
    playhead.setAttribute("x2", x);
  }

  function playFrom(t) {
    if (!audio) { show(t, false); return; }
    audio.currentTime = t;
    show(t, false);
    var playing = audio.play();
    if (playing && playing.catch) { playing.catch(function () {}); }
  }

  // A click on the timeline away from a mark plays from that moment; near one (a few pixels,
  // since ticks are thin), from the mark.
  function timelineTime(e) {
    var r = timeline.getBoundingClientRect();
    var t = (e.clientX - r.left) / r.width * duration;
    var slack = 6 / r.width * duration;
    var best = null;
    marks.forEach(function (m) {
      var d = Math.abs(start(m) - t);
      if (d <= slack && (best === null || d < Math.abs(start(best) - t))) { best = m; }
    });
    return best ? start(best) : Math.max(0, t);
  }

  document.addEventListener("click", function (e) {
    var target = e.target;
    if (!target || !target.closest) { return; }
    if (target.closest("#timeline")) {
      playFrom(timelineTime(e));
      return;
    }
    var el = target.closest("[data-start]");
    if (el) { playFrom(start(el)); }
  });

  document.addEventListener("keydown", function (e) {
    if (!audio || e.altKey || e.ctrlKey || e.metaKey || e.target === audio) { return; }
    var tag = e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || e.target.isContentEditable) { return; }
    if (e.key === " " || e.key === "Spacebar") {
      e.preventDefault();
      if (audio.paused) { playFrom(audio.currentTime); } else { audio.pause(); }
    } else if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && !e.shiftKey && starts.length) {
      e.preventDefault();
      var i = current >= 0 ? current : wordAt(audio.currentTime);
      var next;
      if (e.key === "ArrowRight") {
        next = i + 1;
      } else {
        // Back to the start of this word first, as a music player goes back to a track's start.
        next = i >= 0 && audio.currentTime - starts[i] > 0.3 ? i : i - 1;
      }
      next = Math.max(0, Math.min(starts.length - 1, next));
      audio.currentTime = starts[next];
      show(starts[next], true);
    }
  });

  if (audio) {
    var follow = function () {
      show(audio.currentTime, true);
      frame = audio.paused ? 0 : window.requestAnimationFrame(follow);
    };
    audio.addEventListener("play", function () {
      if (!frame) { frame = window.requestAnimationFrame(follow); }
    });
    // Time updates keep the page in step when animation frames are paused (a hidden tab).
    audio.addEventListener("timeupdate", function () { show(audio.currentTime, !audio.paused); });
    audio.addEventListener("seeked", function () { show(audio.currentTime, !audio.paused); });
  }
})();
