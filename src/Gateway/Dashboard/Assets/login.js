// The login page's one behaviour, in a file of its own: the Content-Security-Policy allows no inline script.
if (new URLSearchParams(location.search).get('login') === 'failed') document.getElementById('failed').hidden = false;
