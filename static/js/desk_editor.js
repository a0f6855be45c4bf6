/* The writing screen of the article form (issue #13, articles/admin/editor.py).
 *
 * The parts come from editor_panel.html (hidden until this script puts them
 * in place): the headline's character count; the body's toolbar, its preview
 * rendered by the server with the public page's renderer, word count and
 * reading time; the search result and social card previews; Ctrl/Cmd+S to
 * save and continue editing; a warning before leaving unsaved changes; and
 * autosave: every `data-autosave-seconds` of changes the form's values go to
 * the server as the user's private copy, offered back when the form is
 * opened again (editor_autosave.html); the add page shown again from the
 * browser's history says when its form was saved already
 * (editor_saved_notice.html). Every word shown comes from the
 * template's data-* attributes (translated there) or from the server.
 */
'use strict';
{
    const panel = document.getElementById('desk-editor');
    const form = panel ? panel.closest('form') : null;
    const body = form ? form.elements.namedItem('body') : null;
    const text = panel ? panel.dataset : {};
    // The parts, before they move out of the panel to their places.
    const parts = panel ? {
        editor: panel.querySelector('.desk-editor'),
        seo: panel.querySelector('.desk-seo-preview'),
        status: panel.querySelector('.desk-autosave-status'),
    } : {};

    const format = (template, values) =>
        template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
    const field = (name) => (form ? form.elements.namedItem(name) : null);
    const csrfToken = () => (field('csrfmiddlewaretoken') || {}).value || '';

    function debounce(fn, ms) {
        let timer = null;
        return (...args) => {
            clearTimeout(timer);
            timer = setTimeout(() => fn(...args), ms);
        };
    }

    async function post(url, data, {json = false} = {}) {
        const headers = {'X-CSRFToken': csrfToken()};
        if (json) {
            headers.Accept = 'application/json';
        }
        const response = await fetch(url, {
            method: 'POST', body: data, headers, credentials: 'same-origin',
        });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
            const error = new Error(answer.error || `${response.status} ${response.statusText}`);
            error.sentence = Boolean(answer.error);  // the server's own words
            throw error;
        }
        return answer;
    }

    // What a failed request says: `failed` ("…: {error}") with the reason
    // after its colon (no connection, a status line); the server's own
    // sentence, capital and all, after `refused` ("…. {error}") instead: it
    // had read "…could not be updated: The body is too long…".
    function failure(failed, refused, error) {
        if (error.sentence) {
            return format(refused, {error: error.message});
        }
        const reason = error instanceof TypeError ? text.offline : error.message;
        return format(failed, {error: reason});
    }

    // What the form would send (files left out): to compare and to autosave.
    function formData() {
        const data = new FormData(form);
        for (const [name, value] of [...data.entries()]) {
            if (typeof value !== 'string') {
                data.delete(name);
            }
        }
        return data;
    }

    function snapshot() {
        const data = formData();
        data.delete('csrfmiddlewaretoken');
        return new URLSearchParams(data).toString();
    }

    // The headline (and the search fields): how long, and past what is shown.

    function lengthCounter(input, limit) {
        if (!input) {
            return;
        }
        const out = document.createElement('p');
        out.className = 'desk-count';
        out.id = `${input.id}_count`;
        const count = document.createElement('span');
        const warning = document.createElement('span');
        warning.className = 'desk-over';
        warning.setAttribute('aria-live', 'polite');
        out.append(count, warning);
        input.parentElement.after(out);
        const described = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', [described, out.id].filter(Boolean).join(' '));
        // What the field can save (the server's limit: the browser's own
        // maxlength, taken off by the form, cut a paste without a word).
        const max = Number(input.dataset.maxLength) || Infinity;
        const update = () => {
            // As the server counts: without the spaces that end or start
            // it, which the form drops (a trailing space had made the count
            // one more than the title error's).
            const length = [...input.value.trim()].length;
            count.textContent = format(text.count, {count: length, limit});
            const over = length > limit;
            out.classList.toggle('desk-count-over', over);
            warning.textContent = length > max ? ` ${format(text.tooLong, {max})}`
                : over ? ` ${format(text.over, {limit})}` : '';
        };
        input.addEventListener('input', update);
        // The text the browser puts back on a page shown again (Back), after
        // this script ran and without an event.
        window.addEventListener('pageshow', update);
        update();
    }

    // The body: toolbar, preview, word count.

    function insert(replacement, selectFrom, selectTo) {
        // execCommand keeps the browser's undo; setRangeText where it is gone.
        const start = body.selectionStart;
        body.focus();
        if (!document.execCommand('insertText', false, replacement)) {
            body.setRangeText(replacement, start, body.selectionEnd, 'end');
            body.dispatchEvent(new Event('input', {bubbles: true}));
        }
        body.setSelectionRange(start + selectFrom, start + selectTo);
    }

    function wrap(marker, placeholder) {
        const {selectionStart: start, selectionEnd: end, value} = body;
        const before = value.slice(start - marker.length, start);
        const after = value.slice(end, end + marker.length);
        if (start !== end && before === marker && after === marker) {
            // Pressed again: the markers come off.
            body.setSelectionRange(start - marker.length, end + marker.length);
            const inner = value.slice(start, end);
            insert(inner, 0, inner.length);
            return;
        }
        const selected = value.slice(start, end);
        // Spaces selected with a word stay outside the markers.
        const lead = selected.match(/^\s*/)[0];
        const trail = selected.slice(lead.length).match(/\s*$/)[0];
        const inner = selected.trim() || placeholder;
        const from = lead.length + marker.length;
        insert(`${lead}${marker}${inner}${marker}${trail}`, from, from + inner.length);
    }

    // The lines the selection touches, made a block of their own (Markdown
    // needs a blank line around a list), each line prefixed, or unprefixed
    // when every line had it.
    function prefixLines(prefix, {placeholder = '', single = false} = {}) {
        const value = body.value;
        const start = body.selectionStart;
        let end = body.selectionEnd;
        if (end > start && value[end - 1] === '\n') {
            end -= 1;
        }
        const lineStart = value.lastIndexOf('\n', start - 1) + 1;
        let lineEnd = value.indexOf('\n', end);
        if (lineEnd === -1) {
            lineEnd = value.length;
        }
        let lines = value.slice(lineStart, lineEnd).split('\n');
        if (single) {
            lines = [lines.join(' ')];
        }
        const written = lines.filter((line) => line.trim());
        const undo = written.length > 0 && written.every((line) => line.startsWith(prefix));
        let block = lines
            .map((line) => {
                if (undo) {
                    return line.slice(prefix.length);
                }
                if (!line.trim() && !single) {
                    return line;
                }
                const bare = line.replace(/^(#{1,6} |> |[-*+] |\d+\. )/, '');
                return prefix + (bare || placeholder);
            })
            .join('\n');
        let lead = '';
        if (!undo && lineStart > 0 && value[lineStart - 2] !== '\n' && lineStart >= 2) {
            lead = '\n';
        }
        if (!undo && lineEnd < value.length && value[lineEnd + 1] !== '\n') {
            block += '\n';
        }
        body.setSelectionRange(lineStart, lineEnd);
        const from = lead.length + (undo ? 0 : prefix.length);
        insert(lead + block, from, lead.length + block.replace(/\n$/, '').length);
    }

    function link() {
        const {selectionStart: start, selectionEnd: end, value} = body;
        const selected = value.slice(start, end).trim();
        if (/^https?:\/\/\S+$/.test(selected)) {
            insert(`[${text.placeholderLink}](${selected})`, 1, 1 + text.placeholderLink.length);
            return;
        }
        const label = selected || text.placeholderLink;
        const url = 'https://';
        const from = label.length + 3;
        insert(`[${label}](${url})`, from, from + url.length);
    }

    // Where the paragraph the caret is in ends: before the blank line after
    // it, or at the end of the body. On a blank line (between paragraphs)
    // the caret is already between two blocks: there.
    function paragraphEnd(value, at) {
        const lineStart = value.lastIndexOf('\n', at - 1) + 1;
        const lineEnd = value.indexOf('\n', at);
        const line = value.slice(lineStart, lineEnd === -1 ? value.length : lineEnd);
        if (!line.trim()) {
            return at;
        }
        const blank = /\n[ \t]*\n/g;
        blank.lastIndex = at;
        const found = blank.exec(value);
        return found ? found.index : value.length;
    }

    // A library image: a paragraph of its own, after the paragraph the
    // caret is in (never in the middle of a word), the caret after it.
    function insertImage(id, selection) {
        body.focus();
        const value = body.value;
        const at = paragraphEnd(value, selection.end);
        body.setSelectionRange(at, at);
        const before = value.slice(0, at);
        const after = value.slice(at);
        let lead = '';
        if (before.trim() && !before.endsWith('\n\n')) {
            lead = before.endsWith('\n') ? '\n' : '\n\n';
        }
        let trail = '';
        if (after.trim() && !after.startsWith('\n\n')) {
            trail = after.startsWith('\n') ? '\n' : '\n\n';
        }
        const line = `![](image:${id})`;
        insert(lead + line + trail, lead.length + line.length, lead.length + line.length);
    }

    function imagePicker(button) {
        const picker = document.getElementById('desk-picker');
        const search = picker.querySelector('.desk-picker-search');
        const results = picker.querySelector('.desk-picker-results');
        let selection = {start: 0, end: 0};
        let asked = 0;
        let shownFor = null;  // the search the drawn results answer

        // A result as the featured image's chooser shows it
        // (media_result.js): thumbnail, title, what it shows, when it was
        // uploaded and its size, so that pictures of one name differ.
        function choice(result) {
            const id = result.id;
            const item = document.createElement('li');
            const choose = document.createElement('button');
            choose.type = 'button';
            choose.className = 'desk-picker-choice';
            choose.dataset.id = id;
            choose.append(window.newsroomMedia.result(result, 48));
            choose.addEventListener('click', () => {
                close();
                insertImage(id, selection);
            });
            item.append(choose);
            return item;
        }

        async function find() {
            const term = search.value.trim();
            const number = asked += 1;
            const query = new URLSearchParams({
                term, app_label: 'articles', model_name: 'article', field_name: 'featured_image',
            });
            const items = [];
            // A number is looked up too (the chooser finds an image by its
            // number): only an image that exists is offered.
            let missing = '';
            try {
                const response = await fetch(`${panel.dataset.chooserUrl}?${query}`, {credentials: 'same-origin'});
                const answer = response.ok ? await response.json() : {results: []};
                for (const result of answer.results) {
                    items.push(choice(result));
                }
                missing = answer.missing || '';
            } catch (error) {
                missing = text.offline;  // "no connection"
            }
            if (number !== asked) {
                return;  // a newer search answers
            }
            if (!items.length || missing) {
                // "No image has the number 9999", above what the words found.
                const none = document.createElement('li');
                none.className = 'desk-picker-none';
                none.textContent = missing || text.noImages;
                items.unshift(none);
            }
            // A result the keyboard is on keeps the focus when the list is
            // drawn again (a search answered after the reporter pressed ↓).
            const on = results.contains(document.activeElement) ? document.activeElement.dataset.id : null;
            results.replaceChildren(...items);
            shownFor = term;
            if (on) {
                const again = [...results.querySelectorAll('.desk-picker-choice')].find((each) => each.dataset.id === on);
                (again || search).focus();
            }
        }

        // Enter in the search: the first result of the words as typed, not
        // of the search drawn before them (it waits 250 ms after a key):
        // asked now if they are not the ones answered.
        async function takeFirst() {
            for (let tries = 0; tries < 3 && search.value.trim() !== shownFor; tries += 1) {
                await find();
            }
            const first = results.querySelector('.desk-picker-choice');
            if (search.value.trim() === shownFor && first && !picker.hidden) {
                first.click();
            }
        }

        function open() {
            selection = {start: body.selectionStart, end: body.selectionEnd};
            picker.hidden = false;
            button.setAttribute('aria-expanded', 'true');
            search.focus();
            find();
        }

        function close() {
            picker.hidden = true;
            button.setAttribute('aria-expanded', 'false');
        }

        button.addEventListener('click', () => (picker.hidden ? open() : close()));
        picker.querySelector('.desk-picker-close').addEventListener('click', () => {
            close();
            body.focus();
        });
        search.addEventListener('input', debounce(find, 250));
        picker.addEventListener('keydown', (event) => {
            if (event.key === 'Escape') {
                event.preventDefault();
                close();
                body.focus();
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                // Down from the search to the results and through them, up
                // back to the search (Tab goes through them too).
                const choices = [...results.querySelectorAll('.desk-picker-choice')];
                const at = choices.indexOf(event.target);
                if (event.target !== search && at === -1) {
                    return;
                }
                event.preventDefault();
                const next = at + (event.key === 'ArrowDown' ? 1 : -1);
                if (next < 0) {
                    search.focus();
                } else if (next < choices.length) {
                    choices[next].focus();
                }
            } else if (event.key === 'Enter') {
                // Enter in the search takes the first result, never submits;
                // with Ctrl, Alt, Shift or Cmd it does nothing.
                event.preventDefault();
                if (event.ctrlKey || event.altKey || event.shiftKey || event.metaKey) {
                    return;
                }
                if (event.target === search) {
                    takeFirst();
                } else if (event.target.classList.contains('desk-picker-choice')) {
                    event.target.click();
                }
            }
        });
    }

    const ACTIONS = {
        bold: () => wrap('**', text.placeholderBold),
        italic: () => wrap('*', text.placeholderItalic),
        english: () => wrap('_', text.placeholderEnglish),
        link,
        heading: () => prefixLines('## ', {placeholder: text.placeholderHeading, single: true}),
        quote: () => prefixLines('> '),
        list: () => prefixLines('- '),
    };

    function countWords(markdown) {
        const plain = markdown
            .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')  // images
            .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')  // links: their text
            .replace(/[#>*_`~\-|]+/g, ' ');
        return plain.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    }

    function bodyEditor() {
        const editor = parts.editor;
        body.replaceWith(editor);
        editor.querySelector('.desk-write').append(body);
        body.classList.add('desk-body');

        const preview = editor.querySelector('.desk-preview');
        const previewStatus = editor.querySelector('.desk-preview-status');
        const words = editor.querySelector('.desk-words');
        let asked = 0;

        let rendered = null;

        async function render() {
            const number = asked += 1;
            rendered = body.value;
            if (!body.value.trim()) {
                preview.replaceChildren();
                previewStatus.textContent = text.previewEmpty;
                return;
            }
            const data = new FormData();
            data.append('body', body.value);
            data.append('language', (field('language') || {}).value || '');
            try {
                const answer = await post(panel.dataset.previewUrl, data);
                if (number === asked) {
                    // Sanitised by the server, as on the public page.
                    preview.innerHTML = answer.html;
                    // Library images the page leaves out (they do not exist).
                    previewStatus.textContent = answer.notice || '';
                }
            } catch (error) {
                if (number === asked) {
                    previewStatus.textContent = failure(text.previewFailed, text.previewRefused, error);
                }
            }
        }

        function count() {
            const total = countWords(body.value);
            const minutes = total ? Math.ceil(total / 200) : 0;
            words.textContent = format(text.words, {words: total, minutes});
        }

        const later = debounce(render, 400);
        body.addEventListener('input', () => {
            count();
            later();
        });
        (field('language') || body).addEventListener('change', later);
        // `_phrase_` marks an English phrase in an Indonesian story only
        // (articles/rendering.py); in an English one it is plain emphasis,
        // which Italic gives: the button is there in Indonesian stories only.
        const englishTool = editor.querySelector('[data-action="english"]');
        const language = field('language');
        if (englishTool && language) {
            const showEnglishTool = () => {
                englishTool.hidden = language.value === 'en';
            };
            language.addEventListener('change', showEnglishTool);
            showEnglishTool();
        }
        editor.querySelector('.desk-toolbar').addEventListener('click', (event) => {
            const button = event.target.closest('[data-action]');
            if (button && ACTIONS[button.dataset.action]) {
                ACTIONS[button.dataset.action]();
            }
        });
        imagePicker(editor.querySelector('[data-action="image"]'));
        body.addEventListener('keydown', (event) => {
            if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
                return;
            }
            const action = {b: 'bold', i: 'italic'}[event.key.toLowerCase()];
            if (action) {
                event.preventDefault();
                ACTIONS[action]();
            }
        });
        window.addEventListener('pageshow', () => {
            if (body.value !== rendered) {  // put back by the browser
                count();
                render();
            }
        });
        count();
        render();
    }

    // How the story looks in a search result and in a social card.

    function seoPreview() {
        const seo = parts.seo;
        const row = form.querySelector('.form-row.field-seo_description');
        if (!row) {
            return;
        }
        row.after(seo);
        const part = (name) => seo.querySelector(`.desk-${name}`);
        const value = (name) => ((field(name) || {}).value || '').trim();
        const cut = (words, limit) =>
            ([...words].length > limit ? `${[...words].slice(0, limit - 1).join('').trimEnd()}…` : words);
        const titleLimit = Number(text.headlineLimit);
        const descriptionLimit = Number(text.descriptionLimit);

        // The address up to the slug in each language's edition
        // (editor.py _path_prefixes): the one of the language chosen.
        const prefixes = JSON.parse(text.pathPrefix || '{}');
        const pathPrefix = () => prefixes[value('language')] || Object.values(prefixes)[0] || '/';

        function update() {
            const title = value('seo_title') || value('title');
            const description = value('seo_description') || value('dek') || value('title');
            const path = `${pathPrefix()}${value('slug')}`;
            part('serp-url').textContent = `${text.host} › ${path.replace(/^\/|\/$/g, '').split('/').join(' › ')}`;
            part('serp-title').textContent = cut(`${title} · ${text.site}`, titleLimit);
            part('serp-description').textContent = cut(description, descriptionLimit);
            part('card-host').textContent = text.host;
            part('card-title').textContent = cut(title, 90);
            part('card-description').textContent = cut(description, 120);
        }

        const image = part('card-image');
        const noImage = part('card-noimage');
        function showImage(url) {
            image.hidden = !url;
            noImage.hidden = Boolean(url);
            if (url) {
                image.src = url;
            } else {
                image.removeAttribute('src');
                noImage.textContent = text.noCard;
            }
        }
        async function imageChanged() {
            const id = value('featured_image');
            if (!/^\d+$/.test(id)) {
                showImage('');
                return;
            }
            try {
                const url = panel.dataset.cardUrl.replace(/\/0\/$/, `/${id}/`);
                const response = await fetch(url, {credentials: 'same-origin'});
                showImage(response.ok ? (await response.json()).card : '');
            } catch (error) {
                showImage('');
            }
        }

        for (const name of ['title', 'seo_title', 'dek', 'seo_description', 'slug', 'language']) {
            const input = field(name);
            if (input) {
                input.addEventListener('input', update);
                input.addEventListener('change', update);
            }
        }
        const chooser = field('featured_image');
        if (chooser) {
            // select2 says "change" through jQuery only.
            if (window.django && window.django.jQuery) {
                window.django.jQuery(chooser).on('change', imageChanged);
            } else {
                chooser.addEventListener('change', imageChanged);
            }
        }
        showImage(panel.dataset.cardImage || '');
        window.addEventListener('pageshow', update);  // text put back (Back)
        update();
    }

    // Saving: Ctrl/Cmd+S, and a warning before leaving unsaved changes.

    let saved = '';
    let submitting = false;

    function saving() {
        saved = snapshot();
        form.addEventListener('submit', (event) => {
            submitting = true;
            // Another script may stop this submit: then it did not happen.
            setTimeout(() => {
                if (event.defaultPrevented) {
                    submitting = false;
                }
            });
        });
        window.addEventListener('pageshow', (event) => {
            if (event.persisted) {
                // Back to this page as the browser kept it (its back-forward
                // cache): the submit it made is over, Ctrl+S and the
                // question before leaving are back.
                submitting = false;
            }
        });
        window.addEventListener('beforeunload', (event) => {
            if (!submitting && snapshot() !== saved) {
                event.preventDefault();
                event.returnValue = '';  // older browsers ask for it
            }
        });
        // Ctrl/Cmd+Enter in a one-line field too (article_form_enter.js keeps
        // the browser from sending the form with its first button, Save); not
        // in the picture picker's search, whose Enter is its own.
        const oneLine = (target) =>
            target.tagName === 'INPUT' && form.contains(target) &&
            !target.closest('.desk-picker') &&
            !['submit', 'button', 'image', 'reset', 'file'].includes(target.type);
        document.addEventListener('keydown', (event) => {
            const key = (event.key || '').toLowerCase();  // none from autofill
            if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.isComposing &&
                (key === 's' || (key === 'enter' && !event.shiftKey && oneLine(event.target)))) {
                event.preventDefault();
                const button = form.querySelector('[name="_continue"]') || form.querySelector('[name="_save"]');
                if (button && !submitting) {
                    form.requestSubmit(button);
                }
            }
        });
    }

    // Autosave, and the offer of an earlier copy.

    const autosave = {paused: false, timer: null, sent: ''};

    async function autosaveNow() {
        autosave.timer = null;
        const status = parts.status;
        const state = snapshot();
        if (submitting || autosave.paused || state === autosave.sent || state === saved) {
            return;
        }
        try {
            const answer = await post(panel.dataset.autosaveUrl, formData());
            autosave.sent = state;
            status.textContent = format(text.autosaved, {time: answer.time});
            status.classList.remove('desk-failed');
        } catch (error) {
            status.textContent = failure(text.autosaveFailed, text.autosaveRefused, error);
            status.classList.add('desk-failed');
        }
    }

    function scheduleAutosave() {
        if (autosave.timer === null && !autosave.paused) {
            const seconds = Number(panel.dataset.autosaveSeconds) || 30;
            autosave.timer = setTimeout(autosaveNow, seconds * 1000);
        }
    }

    function setField(element, values, labels) {
        if (element.type === 'checkbox' || element.type === 'radio') {
            element.checked = values.includes(element.value || 'on');
        } else if (element.tagName === 'SELECT') {
            for (const value of values) {
                if (value && ![...element.options].some((option) => option.value === value)) {
                    element.add(new Option((labels || {})[value] || value, value));
                }
            }
            for (const option of element.options) {
                option.selected = element.multiple
                    ? values.includes(option.value)
                    : option.value === (values[0] || '');
            }
        } else {
            element.value = values[0] || '';
        }
        element.dispatchEvent(new Event('input', {bubbles: true}));
        element.dispatchEvent(new Event('change', {bubbles: true}));
    }

    function restore(copy) {
        const fields = new Set(copy.fields);
        for (const element of form.elements) {
            const name = element.name || '';
            const fieldName = name.replace(/_\d$/, '');
            if (!fields.has(name) && !fields.has(fieldName)) {
                continue;
            }
            setField(element, copy.data[name] || [], copy.labels[fieldName]);
        }
        if (copy.expected_version !== null && field('expected_version')) {
            // The version the copy's text starts from: if someone saved
            // since, the save is refused and shows what they changed.
            field('expected_version').value = copy.expected_version;
        }
        autosave.sent = snapshot();
    }

    function autosaveOffer() {
        const offer = document.getElementById('desk-autosave-offer');
        if (!offer) {
            return;
        }
        const actions = offer.querySelector('.desk-autosave-actions');
        const restoreLink = offer.querySelector('.desk-autosave-restore');
        if (!restoreLink) {
            return;  // restored by the server already
        }
        const status = parts.status;
        autosave.paused = true;
        status.textContent = text.autosavePaused;
        const resume = () => {
            autosave.paused = false;
            status.textContent = '';
        };
        restoreLink.addEventListener('click', (event) => {
            event.preventDefault();
            restore(JSON.parse(offer.dataset.values));
            offer.querySelector('.desk-autosave-message').textContent = offer.dataset.restored;
            actions.hidden = true;
            resume();
        });
        offer.querySelector('.desk-autosave-discard').addEventListener('click', async (event) => {
            event.preventDefault();
            try {
                await post(panel.dataset.discardUrl, new URLSearchParams({csrfmiddlewaretoken: csrfToken()}), {json: true});
                offer.remove();
                resume();
            } catch (error) {
                status.textContent = failure(text.autosaveFailed, text.autosaveRefused, error);
            }
        });
    }

    // The add page shown again: from the browser's history (Back after
    // Save) or reloaded. The browser restores the text typed, not this
    // form's token (the page loaded again has a new one) nor the
    // autocomplete choices (select2's lists hold no options to restore):
    // the page's history entry keeps both, and they are put back, so that
    // saving again is this form's second save (one story: ArticleAddition)
    // and the form is as it was sent. If that form made a story already,
    // the page says so and links to it (editor_saved_notice.html). A page
    // the browser kept whole (its back-forward cache) asks on `pageshow`.

    const KEPT = 'deskAddForm';

    function keep(choices) {
        const state = history.state && typeof history.state === 'object' ? history.state : {};
        history.replaceState({...state, [KEPT]: {token: field('add_token').value, choices}}, '');
    }

    function choicesSent() {
        const choices = {};
        for (const select of form.querySelectorAll('select.select2-hidden-accessible')) {
            const picked = [...select.selectedOptions].filter((option) => option.value);
            choices[select.name] = {
                values: picked.map((option) => option.value),
                labels: Object.fromEntries(picked.map((option) => [option.value, option.text])),
            };
        }
        return choices;
    }

    async function sayIfSaved(notice, token) {
        let answer = {};
        try {
            const query = new URLSearchParams({token});
            const response = await fetch(`${notice.dataset.url}?${query}`, {
                credentials: 'same-origin', headers: {Accept: 'application/json'},
            });
            answer = response.ok ? await response.json() : {};
        } catch (error) {
            return;  // offline: a save would be told by the server
        }
        if (!answer.saved) {
            return;
        }
        if (document.readyState !== 'complete') {
            // The browser puts the typed text back by then: part of `saved`.
            await new Promise((loaded) => window.addEventListener('load', loaded, {once: true}));
        }
        notice.querySelector('.desk-saved-message').textContent =
            format(notice.dataset.message, {title: answer.title, state: answer.state});
        notice.querySelector('.desk-saved-link').href = answer.url;
        notice.hidden = false;
        notice.scrollIntoView({block: 'nearest'});
        // Its values are in the story: no private copy of them to keep,
        // nothing lost by leaving.
        autosave.paused = true;
        saved = snapshot();
    }

    function addFormAgain() {
        const notice = document.getElementById('desk-saved-notice');
        const token = field('add_token');
        if (!notice || !token) {
            return;  // a story's own form
        }
        const kept = history.state && history.state[KEPT];
        if (kept && kept.token) {
            token.value = kept.token;
            for (const [name, choice] of Object.entries(kept.choices || {})) {
                const select = field(name);
                if (select && select.tagName === 'SELECT') {
                    setField(select, choice.values, choice.labels);
                }
            }
            sayIfSaved(notice, kept.token);
        } else {
            keep({});
        }
        form.addEventListener('submit', () => keep(choicesSent()));
        window.addEventListener('pageshow', (event) => {
            if (event.persisted) {
                sayIfSaved(notice, token.value);
            }
        });
    }

    // A story's form shown again from the browser's history (Back from
    // the edit lock's refusal, say): the browser puts back the text typed
    // on it, but not the version that text started from (the page loaded
    // again carries the story's latest). Saved so, the restored text would
    // replace a colleague's newer save unseen. The version is kept in the
    // page's history entry as soon as the form is typed in and when it is
    // sent, and put back when the browser has put back values that differ
    // from the story's as the page shows it: the save is then the edit
    // lock's to judge (its panel shows what they changed), as the form's
    // first save was. Values that are the story's as it is (Back after a
    // save of one's own) leave the page's version: that save goes through,
    // and a panel would have shown one's own save as a colleague's.

    const BASE = 'deskBaseVersion';
    const TYPED = new Set(['text', 'search', 'url', 'email', 'number', 'date', 'time', 'datetime-local']);

    function restoredByBrowser() {
        return [...form.elements].some((element) => {
            if (element.disabled) {
                return false;
            }
            if (element.tagName === 'TEXTAREA' || (element.tagName === 'INPUT' && TYPED.has(element.type))) {
                return element.value !== element.defaultValue;
            }
            if (element.type === 'checkbox' || element.type === 'radio') {
                return element.checked !== element.defaultChecked;
            }
            if (element.tagName === 'SELECT') {
                // A single choice with no option marked shows its first.
                const marked = [...element.options].filter((option) => option.defaultSelected);
                const shown = marked.length || element.multiple ? marked : [...element.options].slice(0, 1);
                const chosen = [...element.selectedOptions];
                return chosen.map((option) => option.value).join('\n') !== shown.map((option) => option.value).join('\n');
            }
            return false;
        });
    }

    function versionAgain() {
        const version = field('expected_version');
        if (!version || !version.value) {
            return;  // a new story's form: its token does this (addFormAgain)
        }
        const kept = history.state && history.state[BASE];
        if (kept && Number(kept) < Number(version.value)) {
            // Whether the values differ from the story's because the
            // browser put them back is judged at `load`, and again until the
            // editor first types or the form is sent: Chromium may put them
            // back after `load` (a save then went through with the newer
            // version, CI's browser test on a busy machine), and a save may
            // come before `load` (a picture still loading). Once the editor
            // types, what differs may be their own, and is not judged again.
            let open = true;
            const putBack = () => {
                if (open && restoredByBrowser()) {
                    version.value = kept;
                    open = false;
                }
            };
            const lastLook = () => {
                putBack();
                open = false;
            };
            if (document.readyState === 'complete') {
                putBack();
            } else {
                window.addEventListener('load', putBack, {once: true});
            }
            form.addEventListener('beforeinput', lastLook, {once: true, capture: true});
            form.addEventListener('submit', lastLook, {once: true});
        }
        const keepIt = () => {
            const state = history.state && typeof history.state === 'object' ? history.state : {};
            history.replaceState({...state, [BASE]: version.value}, '');
        };
        form.addEventListener('input', keepIt, {once: true});
        form.addEventListener('submit', keepIt);
    }

    if (form && body) {
        lengthCounter(field('title'), Number(text.headlineLimit));
        lengthCounter(field('seo_title'), Number(text.headlineLimit));
        lengthCounter(field('seo_description'), Number(text.descriptionLimit));
        bodyEditor();
        seoPreview();
        addFormAgain();
        versionAgain();
        saving();
        autosaveOffer();
        form.addEventListener('input', scheduleAutosave);
        form.addEventListener('change', scheduleAutosave);
        if (window.django && window.django.jQuery) {
            window.django.jQuery(form).on('change', 'select', scheduleAutosave);
        }
    }
}
