// The agent desktop (docs/agent-desktop.md). Loaded first in <head>, before htmx and before any request
// of the page: the agent's own time zone is the browser's, told to the server in the cookie
// ringback_zone (AgentZone). The first page after logging in was drawn before the server knew it: that
// page is loaded once more. Forms marked data-confirm ask before they are sent (cancelling a callback).
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
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
