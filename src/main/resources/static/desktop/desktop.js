// The agent desktop (docs/agent-desktop.md). Loaded first in <head>, before htmx and before any request
// of the page: the agent's own time zone is the browser's, told to the server in the cookie
// ringback_zone (AgentZone). The first page after logging in was drawn before the server knew it: that
// page is loaded once more. Forms marked data-confirm ask before they are sent (cancelling a callback);
// a fragment answered by the login form (the session ended) takes the whole page to it.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    var cookie = 'ringback_zone=' + encodeURIComponent(zone);
    document.cookie = cookie + '; path=/agent; max-age=31536000; SameSite=Lax';
    var page = document.documentElement;
    var stored = document.cookie.split('; ').indexOf(cookie) >= 0; // not when cookies are blocked: no reload loop
    if (stored && page.getAttribute('data-reload-for-zone') === 'true' && page.getAttribute('data-agent-zone') !== zone) {
      window.location.reload();
    }
  }
  // a session that ended meanwhile: htmx's request was sent on to the login form; show that form as the
  // page (reloading it: after logging in the agent is back here), not inside a box of this one
  document.addEventListener('htmx:beforeSwap', function (event) {
    var url = new URL(event.detail.xhr.responseURL || window.location.href);
    if (url.pathname.endsWith('/login')) {
      event.detail.shouldSwap = false;
      window.location.reload();
    }
  });
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
