/* The "clean up pasted copy" step of a new article's form (issue #11).
 *
 * Wire copy pasted into the body is sent to the admin's clean-copy/ address
 * (articles/admin/paste.py), which reads it as an import would; the answer's
 * `changes` are written into the form: the body, and only the fields that
 * are still empty. The notice says what was done and offers an Undo that
 * puts every changed field back as it was. The form's "Clean up pasted copy"
 * button does the same here; without this script it posts the form.
 *
 * Every word shown comes from the server: the summary in the answer, the
 * rest in the panel's data-* attributes (translated in the template).
 */
'use strict';
{
    const panel = document.getElementById('paste-cleanup');
    const form = panel ? panel.closest('form') : null;
    const body = form ? form.elements.namedItem('body') : null;

    // More than one line, or a line of a wire trailer: worth cleaning up.
    const TRAILER = /^\s*(?:sumber|source|editor|penyunting|redaktur)\s*:|^\s*discussion about this post\s*$/im;
    // The fields sent along with the text, as they stand (see FORM_FIELDS).
    const SENT = [
        'title', 'dek', 'dateline', 'byline', 'source_name', 'source_url',
        'editor_name', 'language', 'tags',
    ];

    const field = (name) => form.elements.namedItem(name);
    const valueOf = (el) => (el.type === 'checkbox' ? el.checked : el.value);

    function setValue(el, value) {
        if (el.type === 'checkbox') {
            el.checked = Boolean(value);
        } else {
            el.value = value;
        }
        // Listeners see a change as if typed: Django fills the slug from
        // the title on "change".
        el.dispatchEvent(new Event('input', {bubbles: true}));
        el.dispatchEvent(new Event('change', {bubbles: true}));
    }

    function looksLikeWireCopy(text) {
        return text.trim().includes('\n') || TRAILER.test(text);
    }

    const notice = panel ? panel.querySelector('.paste-cleanup-notice') : null;
    let undoState = null;

    function show(message, {warnings = [], undo = false, earlier = null} = {}) {
        notice.replaceChildren();
        const summary = document.createElement('p');
        summary.textContent = message;
        notice.append(summary);
        if (earlier) {
            // The story this copy is already in, and its page when the
            // reporter may open it.
            const said = document.createElement('p');
            said.className = 'paste-cleanup-earlier';
            said.setAttribute('role', 'alert');
            said.textContent = `${earlier.text} `;
            if (earlier.url) {
                // In a tab of its own: the pasted copy stays in this form.
                const link = document.createElement('a');
                link.href = earlier.url;
                link.target = '_blank';
                link.rel = 'noopener';
                link.textContent = earlier.link;
                said.append(link);
            }
            notice.append(said);
        }
        if (warnings.length) {
            const list = document.createElement('ul');
            for (const warning of warnings) {
                const item = document.createElement('li');
                item.textContent = warning;
                list.append(item);
            }
            notice.append(list);
        }
        if (undo) {
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'button paste-cleanup-undo';
            button.textContent = panel.dataset.undo;
            button.addEventListener('click', undoCleanup);
            notice.append(button);
        }
        notice.hidden = false;
    }

    function forgetServerUndo() {
        // A clean-up done here makes the form's own undo record stale.
        for (const name of ['cleanup_undo', '_undo_cleanup']) {
            const el = panel.querySelector(`[name="${name}"]`);
            if (el) {
                el.remove();
            }
        }
    }

    async function ask(data) {
        const response = await fetch(panel.dataset.url, {
            method: 'POST',
            body: data,
            credentials: 'same-origin',
            headers: {'X-CSRFToken': field('csrfmiddlewaretoken').value},
        });
        const json = (response.headers.get('Content-Type') || '').includes('application/json');
        const answer = json ? await response.json() : {};
        if (!response.ok || !json) {
            throw new Error(answer.error || `${response.status} ${response.statusText}`);
        }
        return answer;
    }

    async function cleanUp() {
        const text = body.value;
        const sent = {};
        const data = new FormData();
        data.append('text', text);
        for (const name of SENT) {
            const el = field(name);
            if (el) {
                sent[name] = el.value;
                data.append(name, el.value);
            }
        }
        show(panel.dataset.working);
        let answer;
        try {
            answer = await ask(data);
        } catch (error) {
            show(`${panel.dataset.failed} ${error.message}`);
            return;
        }
        if (body.value !== text) {
            show(panel.dataset.changed);
            return;
        }
        const previous = {};
        for (const [name, value] of Object.entries(answer.changes)) {
            const el = field(name);
            if (!el || (name in sent && el.value !== sent[name])) {
                continue; // not on this form, or typed in while we asked
            }
            previous[name] = valueOf(el);
            setValue(el, value);
        }
        forgetServerUndo();
        undoState = Object.keys(previous).length ? previous : null;
        show(answer.summary, {
            warnings: answer.warnings,
            undo: undoState !== null,
            earlier: answer.earlier,
        });
    }

    function undoCleanup() {
        if (!undoState) {
            return;
        }
        for (const [name, value] of Object.entries(undoState)) {
            setValue(field(name), value);
        }
        undoState = null;
        show(panel.dataset.undone);
        body.focus();
    }

    function onPaste(event) {
        const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
        if (!text) {
            return; // nothing as text: the browser pastes as it would
        }
        event.preventDefault();
        body.setRangeText(text, body.selectionStart, body.selectionEnd, 'end');
        body.dispatchEvent(new Event('input', {bubbles: true}));
        if (looksLikeWireCopy(text)) {
            cleanUp();
        }
    }

    if (body) {
        // Next to the body, where the reporter pastes.
        const row = body.closest('.form-row');
        if (row) {
            row.after(panel);
        }
        body.addEventListener('paste', onPaste);
        panel.querySelector('button[name="_cleanup"]').addEventListener('click', (event) => {
            event.preventDefault();
            cleanUp();
        });
    }
}
