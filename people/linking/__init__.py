"""Finding people in text: plain Python, text in, spans out.

Stages: `normalise` (folding for matching, offsets preserved), `gazetteer`
(directory look-up), `resolve` (short forms, ambiguity, not-a-person rules),
`quotes` (quotations and their speakers). Django appears only in
`people.services`, which feeds the directory in and writes the spans out.
"""
