# builds devsets/attribution/seeds.jsonl from hand-written annotations on seed paragraphs
import json, glob
paras = []
for f in sorted(glob.glob('seeds/*.txt')):
    for line in open(f, encoding='utf-8').read().split('\n'):
        if line.strip(): paras.append(line.strip())
def para(start):
    m = [p for p in paras if p.startswith(start)]
    assert len(m) == 1, (start, len(m))
    return m[0]
A = []
def case(start, claims, prev=None):
    text = para(start)
    if prev: text = para(prev) + "\n" + text
    for c in claims:
        assert c["span"] in text, c["span"]
    A.append({"text": text, "claims": claims})
def c(span, speaker, via=(), hedged=False, denial=False):
    return {"span": span, "speaker": speaker, "via": list(via), "hedged": hedged, "denial": denial}

case("Shoigu and Kim discussed", [c("Shoigu and Kim discussed a wide range", "Security Council"), c("The meeting is aimed at facilitating", "Security Council")])
case("The visit is Shoigu’s second", [c("found their way onto the battlefield", "Ukraine and others")])
# "satellite images showed" was added in issue 15, when evidence cues ("a poll shows", "images showed") came in:
# the seed annotation had left evidence out
case("Shortly after that visit", [c("an increase in trade", "satellite images"),
                                  c("millions of artillery shells", "US and its partners")])
case("Kim also received the Russian delegation", [c("pledged North Korean support", "official Korean News Agency")])
case("Kim has large stockpiles", [c("Russia has provided materials and technology", "South Korean officials")])
case("Official North Korean media has not yet reported", [])
case("North Korea and Russia deny allegations", [c("allegations of arms transfers", "North Korea and Russia", denial=True)])
case("According to Russian media outlet Sputnik News", [c("they discussed a wide range of topics", "Sputnik News")])
case("In a statement, the Russian Security Council", [c("the meeting as conducted", "Russian Security Council")])
case("President Putin had warned", [c("lifting restrictions on the use of Western weapons", "Putin")])
case("While both Russia and North Korea deny", [c("allegations of weapons transactions", "Russia and North Korea", denial=True)])
case("Meanwhile, South Korea’s National Intelligence Service", [c("it is closely monitoring", "South Korea’s National Intelligence Service (NIS)")])
case("Moscow and Pyongyang have denied", [c("any arms transfers", "Moscow and Pyongyang", denial=True)])
case("According to state news agency RIA", [c("a “substantive exchange of views” occurred", "Security Council", via=["RIA"])])
case("There is no doubt that Russia needs", [c("nearly five million artillery shells", "South Korea’s defense ministry", via=["Bloomberg"], hedged=True)])
case("Sergei Shoigu has visited North Korea", [c("thousands of soldiers", None, hedged=True)])
case("A prominent Russian security official", [c("Mr. Shoigu’s arrival in Pyongyang", "Tass")])
case("North Korea’s official agency, KCNA", [c("Shoigu’s visit but offered no detail", "KCNA")])
case("According to intelligence reports", [c("between 10,000 to 12,000 troops", "American, South Korean, and Ukrainian officials"), c("an additional 1,000 to 3,000 soldiers", "American, South Korean, and Ukrainian officials", hedged=True)])
case("On the same day as Mr. Shoigu’s visit, KCNA", [c("Mr. Kim oversaw test launches", "KCNA")])
case("“The discussions in Pyongyang occurred", [c("The discussions in Pyongyang occurred", "Russia’s Security Council")])
case("It added that Shoigu’s talks", [c("The discussions in Pyongyang occurred", "Russia’s Security Council"), c("Shoigu’s talks with Kim", "Russia’s Security Council")], prev="“The discussions in Pyongyang occurred")
case("Ukraine has previously claimed", [c("to have found North Korean munitions", "Ukraine")])
case("In early January, U.S. National Security Council spokesman", [c("Russia had launched North Korean ballistic missiles", "John Kirby")])
case("South Korea’s UN representative", [c("North Korea was using Ukraine", "Hwang Joon-kuk")])
case("On January 11, Ukrainian Prosecutor General", [c("the Prosecutor General's Office had obtained", "Andriy Kostin")])
case("However, North Korea dismissed", [c("the U.S. accusations of transferring ballistic missiles to Russia", "North Korea", denial=True)])
case("On February 22, Ukraine’s Security Service", [c("it had documented instances", "Ukraine’s Security Service (SBU)"), c("more than 20 North Korean-made weapons", "Ukraine’s Security Service (SBU)")])
case("By March 14, the Kharkiv prosecutor’s office", [c("approximately 50 North Korean Hwasong-11 missiles", "Kharkiv prosecutor’s office"), c("six regions", "Kharkiv prosecutor’s office"), c("around 7,000 containers of ammunition", "South Korean officials")])
case("In July, South Korean Defense Minister", [c("more than 5 million artillery shells", "Shin Won-sik"), c("dozens of short-range ballistic missiles", "Shin Won-sik")])
with open('devsets/attribution/seeds.jsonl', 'w', encoding='utf-8') as f:
    for a in A: f.write(json.dumps(a, ensure_ascii=False) + "\n")
print(len(A), sum(len(a['claims']) for a in A))
