"""The gender a first name usually has, for people the directory does not
know (a pronoun after a quotation is bound by it: "a-t-elle ajouté" is not
the last-named man). A short list of common French and English given
names, not a census: a name missing says nothing, and an ambiguous one
(Claude, Camille, Dominique, Alex, Sam) is left out on purpose."""

from .normalise import fold

FEMININE = frozenset(
    """
    agnes alice amelie anne anna annie audrey aurelie brigitte caroline
    catherine cecile celine chantal charlotte chloe christine claire clara
    clemence coralie corinne delphine elise elisabeth elizabeth elodie emilie
    emma eva florence francoise gabrielle genevieve helene ines isabelle
    jacqueline jeanne julie juliette laura laure lea lucie manon margaux
    marguerite marie marine marion martine mathilde nadia nathalie nicole
    noemie oceane pascale patricia pauline sandrine sarah simone sophie
    stephanie sylvie valerie veronique virginie zoe amy anne-marie barbara
    betty carol cheryl deborah diana emily hannah helen jane janet jennifer
    jessica joan joanna karen kate katherine kathleen kelly linda lisa
    lucy margaret maria mary maya megan melanie michelle nancy natalie olivia
    rachel rebecca ruth samantha sandra sharon susan teresa victoria yvette
    """.split()
)
MASCULINE = frozenset(
    """
    alain alexandre andre antoine arnaud benoit bernard bruno charles
    christian christophe cyril damien daniel david denis didier emmanuel eric
    etienne fabien fabrice francois frederic gabriel gerard gilles guillaume
    henri herve hugo jacques jean jean-luc jean-marie jean-pierre jerome
    jordan julien laurent leo louis luc lucas marc marcel mathieu maxime
    michel nicolas olivier pascal patrick paul philippe pierre raphael remi
    richard robert romain sebastien serge stephane sylvain thierry thomas
    vincent xavier yves adam andrew anthony ben brian charlie chris
    christopher dan edward gareth george harry henry jack james
    jeremy john jonathan joseph kevin mark matthew michael nick nigel oliver
    peter simon steve steven tim tom tony william
    """.split()
)


def first_name_gender(name: str) -> str:
    """'f', 'm' or '' from the first word of `name`."""
    words = name.split()
    if len(words) < 2:
        return ""  # a surname alone says nothing
    key = fold(words[0]).strip(".")
    if key in FEMININE:
        return "f"
    return "m" if key in MASCULINE else ""
