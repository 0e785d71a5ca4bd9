"""Short wire-style articles we wrote ourselves, in pairs that report one matter twice (no test
functions here): opposing accounts, a corroboration, a revised toll, and pairs that share a topic
word or a figure kind but are about different matters and must stay unlinked.

Each pair is (first, second, expected kind or None); the second is published later.
"""

from __future__ import annotations

from datetime import date

from polemos.records import Article


def article(name: str, day: str, outlet: str, text: str) -> Article:
    return Article(id=name, raw=text.encode("utf-8"), kind="text", title=text.split(".")[0][:60],
                   published=date.fromisoformat(day), url=f"https://news.example/{name}", outlet=outlet,
                   origin=f"{name}.txt")


TALKS_PK = article("talks-pk", "2026-04-10", "Islamabad Ledger", (
    "ISLAMABAD - Talks between Pakistan and Afghanistan in Istanbul ended on Thursday without an agreement.\n\n"
    "A Pakistani security official, speaking on condition of anonymity, said the negotiations had collapsed "
    "because the Afghan delegation was unwilling to accept any written guarantee on cross-border militancy.\n\n"
    "\"They came without a mandate,\" the official said.\n"))

TALKS_AF = article("talks-af", "2026-04-11", "Kabul Courier", (
    "KABUL - Afghanistan's state broadcaster RTA reported on Friday that the Istanbul negotiations with Pakistan "
    "had made progress and that most issues had been resolved.\n\n"
    "The broadcaster said the Pakistani side had refused to share evidence of its accusations.\n"))

FIRST_ARMY = article("first-army", "2026-05-02", "Nile Wire", (
    "KHARTOUM - Sudan's army said on Friday that the Rapid Support Forces launched an unprovoked attack on its "
    "positions near El Fasher.\n\n"
    "Army spokesman Nabil Abdallah said the paramilitary fighters fired first and that troops repelled the "
    "assault.\n"))

FIRST_RSF = article("first-rsf", "2026-05-03", "Horn Monitor", (
    "NAIROBI - The Rapid Support Forces denied starting the fighting near El Fasher on Saturday.\n\n"
    "In a statement, the RSF said the army had fired first on its positions and that its fighters only "
    "responded to the attack.\n"))

KIVU_LOCAL = article("kivu-local", "2026-06-14", "Great Lakes Post", (
    "GOMA - At least 15 civilians were killed when rebels attacked the village of Kibirizi in North Kivu on "
    "Sunday, a local official said.\n\n"
    "The official, who declined to be named, said the attackers burned dozens of homes.\n"))

KIVU_UN = article("kivu-un", "2026-06-15", "Continental Daily", (
    "KINSHASA - The United Nations mission in Congo said on Monday that 15 civilians were killed in Sunday's "
    "attack on Kibirizi in North Kivu.\n\n"
    "A spokesperson for the mission said peacekeepers had been sent to the village.\n"))

DNIPRO_FIRST = article("dnipro-first", "2026-07-07", "Eastern Wire", (
    "KYIV - Ukraine's emergency service said nine people were killed in a Russian missile strike on Dnipro on "
    "Tuesday.\n\n"
    "Rescuers were still searching the rubble of a five-storey building, the service said.\n"))

DNIPRO_LATER = article("dnipro-later", "2026-07-08", "Eastern Wire", (
    "KYIV - The death toll from Tuesday's Russian missile strike on Dnipro rose to 17, Ukraine's emergency "
    "service said on Wednesday.\n\n"
    "The service said rescuers had finished clearing the rubble.\n"))

MALI = article("mali-strike", "2026-07-07", "Sahel Report", (
    "BAMAKO - Mali's army said 20 militants were killed in air strikes near Mopti on Tuesday.\n\n"
    "An army spokesman said the strikes targeted a camp used by fighters.\n"))

SOMALIA = article("somalia-talks", "2026-04-11", "Horn Monitor", (
    "MOGADISHU - Somali officials said talks with clan elders on the election timetable had made progress.\n\n"
    "A government spokesman said the elders had agreed to meet again next week.\n"))

KADUGLI_WITNESS = article("kadugli-witness", "2026-08-03", "Nile Wire", (
    "KADUGLI - The army shelled the main market in Kadugli on Monday, killing traders, residents said.\n\n"
    "A shopkeeper who fled the area said the shells landed near the grain stalls.\n"))

KADUGLI_ARMY = article("kadugli-army", "2026-08-04", "Khartoum Daily", (
    "PORT SUDAN - Sudan's army did not shell the market in Kadugli, a military spokesman said on Tuesday.\n\n"
    "The spokesman said paramilitary fighters had fired on the town from the hills.\n"))

RAFAH_MINISTRY = article("rafah-ministry", "2026-09-10", "Levant Post", (
    "GAZA - The health ministry in Gaza said 31 people were killed in Israeli strikes on Rafah on Thursday.\n\n"
    "Ambulance crews were still reaching the damaged buildings, the ministry said.\n"))

RAFAH_MONITOR = article("rafah-monitor", "2026-09-11", "Mediterranean Times", (
    "JERUSALEM - At least 18 people were killed in Israeli strikes on Rafah on Thursday, an independent "
    "monitoring group said.\n"))

KHARKIV = article("kharkiv-drones", "2026-10-05", "Eastern Wire", (
    "KYIV - Ukraine's emergency service said four people were killed in a Russian drone attack on Kharkiv on "
    "Sunday.\n"))

ODESA = article("odesa-drones", "2026-10-06", "Eastern Wire", (
    "KYIV - Ukraine's emergency service said seven people were killed in a Russian drone attack on Odesa on "
    "Monday.\n"))

PAIRS = (
    (TALKS_PK, TALKS_AF, "contradicts"),
    (FIRST_ARMY, FIRST_RSF, "contradicts"),
    (KIVU_LOCAL, KIVU_UN, "corroborates"),
    (DNIPRO_FIRST, DNIPRO_LATER, "revises"),
    (DNIPRO_FIRST, MALI, None),
    (TALKS_PK, SOMALIA, None),
    (TALKS_AF, SOMALIA, None),
    (KADUGLI_WITNESS, KADUGLI_ARMY, "contradicts"),
    (RAFAH_MINISTRY, RAFAH_MONITOR, "contradicts"),
    (KHARKIV, ODESA, None),
)

ARTICLES = (TALKS_PK, TALKS_AF, FIRST_ARMY, FIRST_RSF, KIVU_LOCAL, KIVU_UN, DNIPRO_FIRST, DNIPRO_LATER, MALI, SOMALIA,
            KADUGLI_WITNESS, KADUGLI_ARMY, RAFAH_MINISTRY, RAFAH_MONITOR, KHARKIV, ODESA)
