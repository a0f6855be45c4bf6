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

    function show(message, {warnings = [], undo = false, earlier = []} = {}) {
        notice.replaceChildren();
        const summary = document.createElement('p');
        summary.textContent = message;
        notice.append(summary);
        for (const found of earlier) {
            // The story this copy is already in (then the one further along
            // to update), and its page when the reporter may open it.
            const said = document.createElement('p');
            said.className = 'paste-cleanup-earlier';
            said.setAttribute('role', 'alert');
            said.textContent = `${found.text} `;
            if (found.url) {
                // In a tab of its own: the pasted copy stays in this form.
                const link = document.createElement('a');
                link.href = found.url;
                link.target = '_blank';
                link.rel = 'noopener';
                link.textContent = found.link;
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
        bringIntoView();
    }

    // Only when the notice is off screen (the body's top scrolled away): the
    // least scroll that shows it, the caret left where it is. It is in the
    // page's flow above the body, never over the text being edited.
    function bringIntoView() {
        const box = notice.getBoundingClientRect();
        if (box.top >= 0 && box.bottom <= window.innerHeight) {
            return;
        }
        const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        notice.scrollIntoView({block: 'nearest', behavior: still ? 'auto' : 'smooth'});
    }

    // The body rewritten whole (a clean-up, its undo): the caret and the
    // scroll at its top, where the reporter, the report just above read,
    // reads the story from its lede (setting the value had left both at
    // its end).
    function readFromTop() {
        body.setSelectionRange(0, 0);
        body.scrollTop = 0;
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
        if ('body' in previous) {
            readFromTop();
        }
        undoState = Object.keys(previous).length ? previous : null;
        // "No title: proposed one…" only when the proposed title was taken,
        // not when the reporter's own title stayed.
        const codes = answer.warning_codes || [];
        const warnings = answer.warnings.filter(
            (warning, at) => codes[at] !== 'title_proposed' || 'title' in previous);
        show(answer.summary, {
            warnings,
            undo: undoState !== null,
            earlier: [answer.earlier, answer.to_update].filter(Boolean),
        });
    }

    function undoCleanup() {
        if (!undoState) {
            return;
        }
        for (const [name, value] of Object.entries(undoState)) {
            setValue(field(name), value);
        }
        if ('body' in undoState) {
            readFromTop();
        }
        undoState = null;
        show(panel.dataset.undone);
        body.focus();
    }

    // Copy from Word, Google Docs or a web page comes as HTML too: its
    // italics (<i>, <em>, font-style: italic), the English phrases of an
    // Indonesian release, are marked `_so_`, as wire copy marks them. Taken
    // only when the HTML says exactly the words of the plain text (else the
    // plain text, as it is), and only when something is in italics.
    const BLOCKS = /^(?:P|DIV|LI|H[1-6]|BLOCKQUOTE|TR|TABLE|UL|OL|SECTION|ARTICLE|HEADER|FOOTER|ASIDE)$/;
    const UNREAD = /^(?:STYLE|X-STYLE|SCRIPT|HEAD|TITLE|TEMPLATE|NOSCRIPT)$/;
    const words = (text) => text.replace(/\s+/g, ' ').trim();

    function italicOf(element, inherited) {
        if (/^(?:I|EM|CITE)$/.test(element.tagName)) {
            return true;
        }
        // The property itself, not the end of another one's name: Word writes
        // `mso-bidi-font-style` on upright text and in italics alike. The
        // last one given counts, as in CSS.
        const declared = (element.getAttribute('data-style') || '')
            .matchAll(/(?:^|[;\s])font-style\s*:\s*(\w+)/gi);
        const style = [...declared].pop();
        return style ? style[1].toLowerCase() === 'italic' : inherited;
    }

    function segmentsOf(node, italic, out) {
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) {
                out.push([child.textContent.replace(/\s+/g, ' '), italic]);
            } else if (child.nodeType === Node.ELEMENT_NODE && !UNREAD.test(child.tagName)) {
                if (child.tagName === 'BR') {
                    out.push(['\n', false]);
                    continue;
                }
                const block = BLOCKS.test(child.tagName);
                if (block) out.push(['\n', false]);
                segmentsOf(child, italicOf(child, italic), out);
                if (block) out.push(['\n', false]);
            }
        }
        return out;
    }

    function marked(stretch) {
        return stretch.split('\n').map((line) => {
            const core = line.trim();
            if (!core) return line;
            const lead = line.slice(0, line.length - line.trimStart().length);
            const trail = line.slice(line.trimEnd().length);
            return `${lead}_${core}_${trail}`;
        }).join('\n');
    }

    function withItalics(html, plain) {
        if (!html || plain.includes('_')) {
            return plain; // no HTML, or the copy marks its phrases already
        }
        // Read, never applied: the page's CSP (style-src 'self') refuses, and
        // reports, styles parsed from the clipboard, so they are renamed first.
        const inert = html
            .replace(/<(\/?)style\b/gi, '<$1x-style')
            .replace(/(<[^>]*\s)style(\s*=)/gi, '$1data-style$2');
        const segments = segmentsOf(new DOMParser().parseFromString(inert, 'text/html').body, false, []);
        if (!segments.some(([text, italic]) => italic && text.trim())) {
            return plain;
        }
        let text = '';
        let stretch = '';
        const letter = /[\p{L}\p{N}]/u;
        for (const [piece, italic] of [...segments, ['', false]]) {
            if (italic) {
                stretch += piece;
                continue;
            }
            // Part of a word in italics stays as it is: "Joint_s_" would
            // not read as emphasis.
            const inWord = stretch && (
                (letter.test(text.slice(-1)) && letter.test(stretch.charAt(0)))
                || (letter.test(piece.charAt(0)) && letter.test(stretch.slice(-1))));
            text += (inWord ? stretch : marked(stretch)) + piece;
            stretch = '';
        }
        const unmarked = segments.map(([piece]) => piece).join('');
        if (words(unmarked) !== words(plain)) {
            return plain;
        }
        return text.split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
    }

    function onPaste(event) {
        const plain = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
        if (!plain) {
            return; // nothing as text: the browser pastes as it would
        }
        const text = withItalics(event.clipboardData.getData('text/html'), plain);
        event.preventDefault();
        body.setRangeText(text, body.selectionStart, body.selectionEnd, 'end');
        body.dispatchEvent(new Event('input', {bubbles: true}));
        if (looksLikeWireCopy(text)) {
            cleanUp();
        }
    }

    if (body) {
        // Where the reporter pastes: what the step does, its button and its
        // notice just above the body (the live region in place before it has
        // anything to say, so that a screen reader says what it is given).
        const row = body.closest('.form-row');
        if (row) {
            row.before(panel);
        }
        body.addEventListener('paste', onPaste);
        panel.querySelector('button[name="_cleanup"]').addEventListener('click', (event) => {
            event.preventDefault();
            cleanUp();
        });
    }
}
