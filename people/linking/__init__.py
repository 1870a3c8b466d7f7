"""Finding people in text: plain Python, text in, spans out.

Stages, in the order `pipeline.find_people` runs them:
`normalise` (folding for matching, offsets preserved), `gazetteer`
(directory look-up), `ner` (candidates for people the directory does not
know), `resolve` (short forms, ambiguity, not-a-person rules, with the
word-level `cues`), `roles` (role appositions, and bare role phrases
resolved through confirmed roles), then `quotes` (quotations and their
speakers, run once the mentions are stored).

Shared vocabulary: `spans` (`Span`, `overlaps`, `at_word_boundary`) and
`words` (every word list). `context` cuts the sentence around a name for
staff. Django appears only at the edges: `people.directory` feeds the
directory in, `people.linker` writes the spans out.
"""
