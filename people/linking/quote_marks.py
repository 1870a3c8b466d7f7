"""Where quotations are in a text: their marks, French and English, and
the sentences and paragraphs around them."""

import re


def find_quotations(text: str) -> list[tuple[int, int, int, int]]:
    """(open_mark, start, end, close_mark) of each quotation, in order.

    English marks are paired in the order they come, whatever their shape
    (“…", "…” as well as “…”). A quotation a paragraph opens without closing
    runs to the paragraph's end, as English writes one that goes on into
    the next paragraph (whose opening mark starts its next part); its
    close_mark is then the paragraph's end.
    """
    found: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text):
        para = text[para_start:para_end]
        for opener, closer in (("«", "»"), ("„", "“")):
            pos = 0
            while (i := para.find(opener, pos)) != -1:
                j = para.find(closer, i + 1)
                if j == -1:
                    break
                found.append((para_start + i, para_start + j))
                pos = j + 1
        marks = [m.start() for m in re.finditer('["“”]', para)]
        for i, j in zip(marks[::2], marks[1::2], strict=False):
            found.append((para_start + i, para_start + j))
        if len(marks) % 2 and para[marks[-1]] != "”":
            found.append((para_start + marks[-1], para_end))
        found += [(para_start + i, para_start + j) for i, j in _single_quoted(para)]
    return _trimmed(text, sorted(found))


# A closing single mark is also the apostrophe: "don’t" (letters on both
# sides) never closes, nor "the players’ union" (a plural's possessive).
_SINGLE_CLOSE = re.compile(r"’(?![^\W\d_])(?!(?<=s’) [a-z])")


def _single_quoted(para: str):
    """(opening, closing) of quotations in single curly marks, as some
    English papers print them (‘We will win,’ he said.); one that opens a
    paragraph unclosed runs to its end. An opening mark after a letter, or
    before a digit (‘90s), is an apostrophe."""
    pos = 0
    while (i := para.find("‘", pos)) != -1:
        pos = i + 1
        if (i and para[i - 1].isalpha()) or para[i + 1 : i + 2].isdigit():
            continue
        close = _SINGLE_CLOSE.search(para, i + 2)
        if close:
            yield i, close.start()
            pos = close.end()
        elif not para[:i].strip():
            yield i, len(para)
            return


def _trimmed(text: str, found: list[tuple[int, int]]):
    result, last_close = [], -1
    for open_mark, close_mark in found:
        if open_mark < last_close:
            continue  # nested inside the previous quotation
        start, end = open_mark + 1, close_mark
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((open_mark, start, end, close_mark))
            last_close = close_mark
    return result


def _paragraphs(text: str):
    pos = 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            yield pos, pos + len(block)
        pos += len(block)


def sentence_start(text: str, index: int) -> int:
    """Offset where the sentence containing `index` starts."""
    i = index
    while i > 0:
        ch = text[i - 1]
        if ch == "\n" or (ch in ".!?" and (i >= len(text) or text[i].isspace())):
            break
        # '"It's a great result." Asked …': a quotation ended the sentence.
        if ch in '"”' and i >= 2 and text[i - 2] in ".!?" and text[i : i + 1] == " ":
            break
        i -= 1
    return i


def sentence_end(text: str, index: int) -> int:
    """Offset where the sentence containing `index` ends (after its stop)."""
    match = _SENTENCE_END.search(text, index)
    return match.end() if match else len(text)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
