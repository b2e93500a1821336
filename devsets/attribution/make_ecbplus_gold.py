# builds devsets/attribution/ecbplus.jsonl: 24 ECB+ paragraphs drawn at random (seed 7) among those with a
# reporting cue, annotated by hand before the tool was run on them
import json, random, re
random.seed(7)
paras=[]
for line in open('bench/ecbplus.jsonl'):
    r=json.loads(line)
    for p in r['text'].split('\n'):
        if re.search(r"\b(said|says|according to|denied|told|reported|announced|citing)\b", p) and 80 < len(p) < 330:
            paras.append(p)
pick=random.sample(paras, 24)
def c(span, speaker, via=(), hedged=False, denial=False):
    return {"span": span, "speaker": speaker, "via": list(via), "hedged": hedged, "denial": denial}
gold = {
 0: [c("at least three people", None)],
 1: [c("The ship and a limited crew made it through the gulf", "company spokeswoman")],
 2: [c("Gigante had a history of heart disease", "Quintero")],
 3: [c("We are ready to fight", "Abdel Aziz al-Hilu")],
 4: [c("She became, in time, an American icon", "Hefner")],
 5: [c("$3 million", "THR")],
 6: [c("two more arrests", "Pat Hodgkin"), c("roughly 13,000", "Pat Hodgkin")],
 7: [c("30 billion euros", None), c("the government would not abandon", None)],
 8: [c("the two incidents on consecutive days", "Dave Gaskin")],
 9: [c("two trucks", None)],
 10: [c("Decisions of this nature are never easy", "Stefanski")],
 11: [c("The evidence in this case", "Lynch")],
 12: [c("two opportunities", None)],
 13: [c("I just wanted to say", None)],
 14: [c("The future of Europe", None)],
 15: [c("I'm the guy they used to call Deep Throat", "Felt")],
 16: [c("the Fix-It temporary workaround should be effective", "software giant")],
 17: [c("it will not rush production", "studio")],
 18: [c("He spoke a few languages", "his brother")],
 19: [c("at least three people", "Police"), c("two women", "Police")],
 20: [c("55", "Jerry Strickland"), c("at least 45 years", "Jerry Strickland")],
 21: [c("He helped stiffen the spine", "Mark Feldstein")],
 22: [c("the Philadelphia 76ers have parted ways", "Stephen A. Smith")],
 23: [c("there was no crime", "Jeffs"), c("he and both girls had", "Jeffs")],
}
with open('devsets/attribution/ecbplus.jsonl', 'w', encoding='utf-8') as f:
    for i, text in enumerate(pick):
        for cl in gold[i]:
            assert cl["span"] in text, (i, cl["span"])
        f.write(json.dumps({"text": text, "claims": gold[i]}, ensure_ascii=False) + "\n")
