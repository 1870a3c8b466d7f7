"""Every word list linking uses, in one place: folded (lower case, no
accents) unless said otherwise, French and English side by side.

Keys are made with `normalise.word_key`.
"""

# --- names ---

# Lower-case parts of names that do not need a capital letter in running text.
PARTICLES = frozenset(
    "de du des d' la le les l' van von der den ter ten zu al el bin ben ibn bint "
    "abu da di do dos das del della y e".split()
)

# What may end a capitalised run but no name: letters after a name ("Simon
# Fell KC", "Jo Hart MP") and the English "I" ("All I asked", "Then I said").
NOT_NAME_ENDS = frozenset("KC QC MP MEP MSP AM OBE CBE MBE KBE DBE Jr Sr I".split())

# --- before and around a name ---

HONORIFICS = frozenset(
    """
    m m. mm. mme mmes mlle mr mr. mrs mrs. ms ms. dr dr. pr pr. me sir dame
    monsieur madame mademoiselle messieurs mesdames
    """.split()
)

TITLE_WORDS = frozenset(
    """
    ministre president presidente secretaire premier premiere chef general generale
    senateur senatrice depute deputee maire juge ambassadeur ambassadrice
    porte parole chancelier chanceliere roi reine prince princesse pape
    commissaire gouverneur directeur directrice patron patronne leader dirigeant
    dirigeante candidat candidate opposant opposante colonel capitaine marechal
    cheikh emir sultan ayatollah imam rabbin pere soeur cardinal eveque
    secretary minister senator governor chancellor king queen pope judge mayor
    ambassador colonel speaker chairman chairwoman chair ceo professor prof
    rep sen gov gen col lt capt sgt father rabbi sheikh emir
    """.split()
)

# Capitalised at the start of a sentence without being part of a name.
FUNCTION_WORDS = frozenset(
    """
    le la les l un une des de du d selon pour apres avant avec mais et ou si quand
    lorsque alors car donc ainsi puis enfin pourtant cependant toutefois hier
    aujourd'hui demain lundi mardi mercredi jeudi vendredi samedi dimanche pendant
    depuis face contre chez sans sous sur dans entre par vers quant comme meme
    the a an and but or so for with after before according when while if then
    yesterday today tomorrow monday tuesday wednesday thursday friday saturday
    sunday as at by in on of to from meanwhile however also only even
    """.split()
)

# English prepositions that put a bare capitalised word in a place
# ("in Washington").
PLACE_PREPOSITIONS = frozenset("in at near from".split())

# French ones: also used before people ("à Blinken"), so they only count when
# the NER model calls the word a location too. The label alone is not enough:
# the small model calls sentence-initial surnames locations.
LOCATION_PREPOSITIONS = frozenset("a au aux en depuis vers pres de".split())

# Surnames that are also holidays: "à Noël" is Christmas, not Marie Noël.
CALENDAR_WORDS = frozenset("noel paques toussaint pentecote easter christmas".split())

TIME_PREPOSITIONS = frozenset(
    "a au de d pour avant apres depuis jusqu'a at for before after since until by "
    "on of".split()
)

FEMININE = frozenset(
    """
    la mme madame mlle mademoiselle elle sa cette une mrs ms miss she her lady dame
    directrice presidente commercante senatrice deputee adjointe conseillere
    avocate ambassadrice chanteuse historienne chercheuse ministre-deleguee
    secretaire-generale porte-parole-adjointe patronne fondatrice actrice
    """.split()
)

MASCULINE = frozenset(
    """
    le m m. monsieur il son ce un mr mr. he his sir lord
    directeur president commercant senateur depute adjoint conseiller avocat
    ambassadeur chanteur historien chercheur patron fondateur acteur
    """.split()
)

COMPLEMENT_PREPOSITIONS = frozenset(
    "de a par pour sur dans avec vers chez of to for with".split()
)

# Words that say by themselves whether the name after them is a woman's or
# a man's ("Mme", "M.", "la présidente"), unlike articles and pronouns
# ("la", "son"), which may belong to another phrase ("la fille de …").
ARTICLES_AND_PRONOUNS = frozenset(
    "la le elle il sa son cette ce une un she he her his".split()
)

# --- unknown people ---

ROLE_WORDS = TITLE_WORDS | frozenset(
    """
    porte-parole conseiller conseillere adjoint adjointe elu elue avocat avocate
    docteur professeur militant militante syndicaliste habitant habitante
    chercheur chercheuse economiste ecrivain ecrivaine auteur autrice fondateur
    fondatrice responsable commercant commercante journaliste etudiant etudiante
    agriculteur agricultrice infirmier infirmiere medecin chirurgien porte
    parole temoin victime entraineur joueur joueuse artiste chanteur chanteuse
    councillor councilor spokesman spokeswoman spokesperson executive director
    officer doctor nurse teacher lawyer inspector detective sergeant constable
    captain coach manager founder campaigner activist librarian economist
    analyst author writer historian resident shopkeeper owner farmer student
    worker singer actor player striker bishop archbishop cardinal mp chief
    husband wife widow widower partner son daughter mother father brother
    sister actors actress actresses singers players lawmaker lawmakers
    legislator claimant claimants plaintiff defendant witness victim mep
    congressman congresswoman senators producer novelist poet director
    directors soprano tenor pianist violinist conductor goalkeeper defender
    midfielder forward rider cyclist skater boxer sprinter swimmer
    compagnon compagne epouse epoux veuve veuf fils fille frere comedien
    comedienne comediens actrice acteurs realisateur realisatrice soprano
    tenor pianiste plaignant plaignante requerant requerante prevenu prevenue
    accuse accusee
    barrister solicitor attorney counsel prosecutor agent aide adviser advisor
    assistant colleague friend neighbour neighbor cousin uncle aunt nephew niece
    grandson granddaughter grandmother grandfather fiance fiancee girlfriend
    boyfriend homeowner landlord tenant grocer baker paralegal headteacher
    headmaster headmistress principal vicar pastor priest coroner magistrate
    paramedic firefighter pilot engineer pharmacist
    procureur procureure agente collaborateur collaboratrice collegue ami amie
    voisin voisine oncle tante neveu niece cousine grand-mere grand-pere
    proprietaire locataire boulanger boulangere
    """.split()
)

SPEECH_VERBS = frozenset(
    """
    said says told added explained warned argued insisted wrote replied declared
    stressed claimed announced asked noted admitted recalled
    declare affirme ajoute explique souligne estime assure precise indique raconte
    temoigne s'agace abonde tempere ironise s'emporte persiste sourit s'amuse
    enchaine assene cingle rassure s'indigne s'insurge s'etonne tacle grince
    concede avoue replique riposte retorque lache glisse tranche martele insiste
    poursuit conclut regrette deplore denonce reconnait admet confie rappelle
    commente nuance rencherit confirme previent avertit
    """.split()
)

# "a déclaré Nathalie Garnier": the participle right before the name.
FR_PARTICIPLES = frozenset(
    "declare affirme ajoute explique souligne precise indique estime assure "
    "confie reagi lance conclu poursuivi".split()
)

# Right before a capitalised run, these make it the object of a title
# ("of the Labour Party", "du Qaryan"), not a person in apposition.
OBJECT_WORDS = frozenset("of the de du des la le l d".split())

# --- role phrases ---

# Words that head a role phrase.
ROLE_HEADS = frozenset(
    """
    ministre president presidente secretaire chef premier premiere maire depute
    deputee senateur senatrice ambassadeur ambassadrice commissaire gouverneur
    directeur directrice dirigeant dirigeante leader patron patronne
    chancelier chanceliere roi reine pape general generale juge procureur
    procureure conseiller conseillere adjoint adjointe entraineur entraineuse
    selectionneur selectionneuse capitaine representant representante
    conservateur conservatrice prefet prefete recteur rectrice
    minister secretary chief chair mayor governor senator ambassador commissioner
    chancellor spokesman spokeswoman spokesperson director chairman chairwoman
    prosecutor king queen pope judge coach manager captain councillor councilor
    """.split()
    # As `word_key` gives them: "porte-parole" is "porte parole".
) | {"porte parole"}

# Words that end a role phrase going backwards: articles, possessives, verbs.
ROLE_PHRASE_BOUNDARY = frozenset(
    """
    le la les un une son sa ses leur notre votre ce cette the a an his her their
    its our this former ancien ancienne et ou qui que avec pour sur par est sont
    ont and or who which with has have is are was were said selon according
    then now meanwhile yesterday today also alors aussi hier
    """.split()
)

ROLE_ARTICLES = frozenset("le la l' du au the".split())

# --- quotations (regular-expression alternations) ---

FR_QUOTE_VERBS = (
    "déclaré|affirmé|ajouté|dit|expliqué|souligné|indiqué|estimé|assuré|précisé|"
    "insisté|martelé|poursuivi|conclu|lancé|averti|rappelé|confié|répondu|commenté|"
    "jugé|observé|noté|reconnu|annoncé|déploré|dénoncé|prévenu|répété|plaidé|admis|"
    "tranché|ironisé|regretté|écrit|raconté|résumé|promis|affirmait|déclarait|"
    "déclare|affirme|ajoute|explique|souligne|indique|estime|assure|précise|insiste|"
    "poursuit|conclut|lance|avertit|rappelle|confie|répond|commente|juge|observe|"
    "note|reconnaît|reconnait|annonce|déplore|dénonce|prévient|répète|plaide|admet|"
    "tranche|regrette|raconte|résume|promet|martèle|réagi|réagit|salué|"
    "parle|parlent|parlé|évoque|évoqué|remercié|remercie|fustigé|fustige|"
    "critiqué|défendu|défend|raillé|raille|réitéré|réitère|interpellé|interpelle|"
    "s'est\\s+inquiété|s'est\\s+interrogé|s'est\\s+alarmé|s'est\\s+dit|"
    "mis\\s+en\\s+garde|met\\s+en\\s+garde|"
    "salue|lâché|lâche|glissé|glisse|rétorqué|rétorque|objecté|protesté|tonné|"
    "s'est\\s+félicité|s'est\\s+réjoui|s'est\\s+indigné|fait\\s+valoir|"
    "fait\\s+savoir|renchéri|renchérit|nuancé|nuance|témoigné|témoigne|soupiré|"
    "souhaité|souhaite|demandé|demande|réclamé|réclame|exigé|exige|qualifié|"
    "qualifie|appelé|appelle|alerté|alerte|confirmé|confirme|démenti|dément|"
    # The imperfect of reported speech ("annonçait la veille X").
    "annonçait|expliquait|ajoutait|assurait|estimait|prévenait|rappelait|lançait|"
    "confiait|répétait|soulignait|indiquait|insistait|précisait|promettait|"
    "reconnaissait|disait|jugeait|martelait|tonnait|tonne|gronde|grondé|"
    "résumait|concluait|détaillé|détaille|interrogé|interroge|"
    "s'est\\s+montré|se\\s+dit|"
    # The incises of the French press, present and past: "», s'agace X",
    # "», ironise-t-elle", "», abonde le maire".
    "s'agace|s'est\\s+agacée?|abonde|abondé|tempère|tempéré|ironise|"
    "s'emporte|s'est\\s+emportée?|persiste|persisté|se\\s+défend|"
    "s'est\\s+défendue?|balaie|balaye|balayé|sourit|souri|s'amuse|"
    "s'est\\s+amusée?|embraye|embrayé|enchaîne|enchaîné|assène|asséné|cingle|"
    "cinglé|rassure|rassuré|dixit|s'indigne|s'insurge|s'est\\s+insurgée?|"
    "s'étonne|s'est\\s+étonnée?|s'interroge|s'inquiète|s'alarme|se\\s+félicite|"
    "se\\s+réjouit|tacle|taclé|grince|grincé|peste|pesté|fulmine|fulminé|"
    "s'enthousiasme|s'est\\s+enthousiasmée?|souffle|soufflé|concède|concédé|"
    "avoue|avoué|confesse|confessé|plaisante|plaisanté|s'exclame|"
    "s'est\\s+exclamée?|analyse|analysé|décrypte|décrypté|argue|argué|"
    "argumente|argumenté|relève|relevé|pointe|pointé|complète|complété|"
    "corrige|corrigé|rectifie|rectifié|réplique|répliqué|riposte|riposté|"
    "se\\s+désole|espère|espéré|jure|juré|garantit|garanti|prédit|menace|menacé"
)

EN_QUOTE_VERBS = (
    "said|says|say|added|adds|told|tells|explained|stated|noted|argued|insisted|warned|"
    "wrote|continued|replied|declared|remarked|stressed|claimed|announced|asked|"
    "according|telling|saying|adding|warning|insisting|called|calling|described|"
    "describing|urged|urging|promised|vowed|admitted|conceded|acknowledged|"
    "predicted|dismissed|responded|answered|recalled|pledged|joked|complained|"
    "countered|retorted|quipped|lamented|reiterated|emphasised|emphasized|"
    "maintained|confirmed|revealed|cautioned|suggested|observed|commented|"
    "explains|warns|insists|notes|recalls|admits|concedes|argues|acknowledges|"
    "shot\\s+back|hit\\s+back|fired\\s+back|tweeted|posted|pointed\\s+out|"
    "went\\s+on|chimed\\s+in|snapped|mused|boasted|scoffed|agreed|objected|"
    "protested|interjected|concluded|summed\\s+up|shouted|laughed|sighed|"
    # Partial quotations after a judgement: 'X accused the board of "…"'.
    "accused|blamed|criticised|criticized|condemned|praised|hailed|slammed|"
    "branded|labelled|labeled|dubbed"
)

# Speakers that are bodies or documents, not people: "a indiqué le
# ministère", "the company said", "selon la préfecture", "the statement
# said". Their words are nobody's; a description resolved to the last
# person named would misattribute them.
INSTITUTIONS = frozenset(
    """
    gouvernement ministere mairie municipalite prefecture parquet opposition
    majorite syndicat direction entreprise societe groupe club federation
    association parti police gendarmerie armee elysee matignon tribunal cour
    commission conseil assemblee senat ambassade agence institut equipe
    government ministry department office company firm union club federation
    council committee court police army party agency team board
    communique texte rapport lettre note document statement report letter release
    entourage proches camp aides allies staff
    """.split()
)

NOT_NAMES = frozenset("il elle he she they ils elles on nous we i je".split())

# Words that make a capitalised run an organisation, not a person: a
# company ("Héron Mobilité"), an armed group, a party, an institution.
ORGANISATION_WORDS = frozenset(
    """
    mobilite group groupe holding holdings technologies technology airlines
    airways motors bank banque capital partners industries industrie energy
    energie energies pharma systems solutions media medias telecom telecoms
    assurances insurance foundation fondation institute institut brigade
    brigades front army armee movement mouvement party parti union council
    conseil ministry ministere agency agence association club fc united
    inc ltd sa sas sarl gmbh corp corporation company compagnie societe
    hopital hospital universite university college ecole school tribunal
    court cour commission committee comite federation league ligue
    video tv tele television radio news sport sports info infos channel fm
    magazine gazette
    """.split()
)
