/* Who else has this form open (newsroom/presence, templates/admin/includes/
 * presence.html): on a story's, a meeting's and a library image's change form.
 *
 * The server names them as the page opens; while it stays open this script
 * tells the server so every `data-seconds`, every `data-shared-seconds`
 * while the notice names someone (who leaves is then gone from it within
 * those seconds), and at once when the tab is shown again; it puts the
 * notice of the answer in place of the last one, and says the page is gone
 * as it is left by any route, closed, Back or a link (pagehide: a beacon,
 * with the form's CSRF token, and the page's token: the page a save opens
 * has marked by then). The notice's words are the server's; the script
 * writes none.
 */
'use strict';
{
    const notice = document.getElementById('desk-presence');
    const form = notice ? notice.closest('form') : null;

    if (notice && form && window.fetch) {
        const seconds = Number(notice.dataset.seconds) || 30;
        const sharedSeconds = Math.min(Number(notice.dataset.sharedSeconds) || seconds, seconds);
        const token = () => (form.elements.namedItem('csrfmiddlewaretoken') || {}).value || '';
        let timer = null;
        let asked = 0;

        function show(text) {
            // The same words again are not put in again: a live region
            // would say them again.
            if (text === notice.textContent.trim()) {
                return;
            }
            if (!text) {
                notice.replaceChildren();
                return;
            }
            const line = document.createElement('p');
            line.className = 'desk-presence-notice';
            line.textContent = text;
            notice.replaceChildren(line);
        }

        // The next heartbeat's delay: shorter while someone else is named.
        function interval() {
            return notice.textContent.trim() ? sharedSeconds : seconds;
        }

        function later() {
            clearTimeout(timer);
            timer = setTimeout(heartbeat, interval() * 1000);
        }

        // `back`: shown again from the back-forward cache, after the
        // farewell (the server ignores a heartbeat of a page gone, sent as
        // it closed, but not this one).
        async function heartbeat(back) {
            later();
            const number = asked += 1;
            const data = new FormData();
            data.append('page', notice.dataset.page);
            if (back === true) {
                data.append('back', '1');
            }
            try {
                const response = await fetch(notice.dataset.url, {
                    method: 'POST',
                    body: data,
                    headers: {'X-CSRFToken': token(), Accept: 'application/json'},
                    credentials: 'same-origin',
                });
                if (response.ok && number === asked) {
                    const before = interval();
                    show((await response.json()).text || '');
                    if (timer !== null && interval() !== before) {
                        later();
                    }
                }
            } catch (error) {
                // No connection: the notice stays as it was until one answers.
            }
        }

        function leave() {
            clearTimeout(timer);
            timer = null;
            const data = new FormData();
            data.append('csrfmiddlewaretoken', token());
            data.append('page', notice.dataset.page);
            if (navigator.sendBeacon) {
                navigator.sendBeacon(notice.dataset.leaveUrl, data);
            }
        }

        later();
        document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible') {
                heartbeat();
            }
        });
        window.addEventListener('pagehide', leave);
        // Back from the browser's back-forward cache: open again.
        window.addEventListener('pageshow', (event) => {
            if (event.persisted) {
                heartbeat(true);
            }
        });
    }
}
