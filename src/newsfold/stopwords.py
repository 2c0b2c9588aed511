"""English function words, and news words that say nothing about which event a text is on."""

from __future__ import annotations

FUNCTION_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway anywhere
    are around as at be became because become becomes becoming been before beforehand behind
    being below beside besides between beyond both but by can cannot could did do does doing done
    down due during each either else elsewhere enough etc even ever every everyone everything
    everywhere except few for former formerly from further had has have having he hence her here
    hereafter hereby herein hers herself him himself his how however i if in indeed into is it
    its itself just last latter latterly least less many may me meanwhile might mine more moreover
    most mostly much must my myself namely neither never nevertheless next no nobody none nor not
    nothing now nowhere of off often on once one only onto or other others otherwise our ours
    ourselves out over own per perhaps please quite rather re same seem seemed seeming seems
    several she should since so some somehow someone something sometime sometimes somewhere still
    such than that the their theirs them themselves then thence there thereafter thereby therefore
    therein these they this those though through throughout thru thus to together too toward
    towards under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while whither who
    whoever whole whom whose why will with within without would yet you your yours yourself
    yourselves s t d ll m ve re nt don didn doesn isn wasn weren won wouldn couldn shouldn hasn
    haven hadn aren""".split()
)

# Number words, light verbs and generic nouns: frequent in every kind of story.
GENERIC_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty
    thirty forty fifty sixty seventy eighty ninety hundred thousand million billion first
    second third fourth fifth last next half dozen get gets got give gives gave given go goes
    went gone going take takes took taken put see saw seen show shown find found make makes
    made keep kept move moved call called come came back front top bottom side part name
    amount full empty co inc ltd eg ie cant couldnt hasnt noone""".split()
)

# Verbs of reporting and words of every news story; they link unrelated events.
NEWS_WORDS = frozenset(
    """said says say told tell telling according reported reports reporter reporters added asked
    statement spokesman spokeswoman spokesperson official officials news agency week weeks
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow year years
    month months day days time times mr mrs ms dr new people""".split()
)

STOP_WORDS = FUNCTION_WORDS | GENERIC_WORDS | NEWS_WORDS
