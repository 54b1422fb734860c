"""Transcripts in the formats their sources print, each turn a claim of its label's speaker
(issue 10, item 4: the speaker's name or office on a line, or a label, before the speech).

Every text here is invented (names, places, offices) and written for these tests. Each
format lists its turns as (speaker, speech): the speech is one paragraph's words after the
label, and must come out as a claim with exactly that text, given to the person the label
names (the person in brackets after an office, "The Minister for Rail (Sam Ode)"), or to
the office itself where the record names no one ("The Speaker", "THE COURT"). Labels that
name a group ("Some Honourable Members: Oh, oh!") or the one asking ("PRESENTER:",
"QUESTION:") give no one a claim, and an article's "Update:", "Note:" or "Photo:" lines,
or a time such as 10:30, never make it a transcript.
"""

from __future__ import annotations

import pytest

from storygraph.extract.entities import EntityIndex
from storygraph.extract.transcript import _fuller
from storygraph.model import Entity, Extraction
from tests.test_extract_rules import assert_spoken_by, claim_with, claims_seen, is_named, run

# The Commons as Hansard prints it: the speaker line above the speech, no quotation marks.
UK_COMMONS = (
    "Rail Services: Carrow\n\n"
    "Volume 771: debated on Tuesday 3 June 2025\n\n"
    "Jo Pike (Carrow North) (Lab):\n"
    "What steps the Department is taking to restore the Sunday service between Carrow and "
    "Wenlow.\n\n"
    "The Minister for Rail (Sam Ode):\n"
    "The operator has agreed to run a Sunday timetable from September.\n\n"
    "We will publish the full timetable in July.\n\n"
    "Mr Speaker:\n"
    "Order. I call the shadow Minister.\n\n"
    "Hon. Members:\n"
    "Hear, hear!\n\n"
    "Jo Pike:\n"
    "My constituents have waited six years for that answer.\n"
)
# Hansard's web pages: the label on its own line with no colon, a member's later turns
# under the name alone.
UK_HANSARD_WEB = (
    "E-scooter Safety\n\n"
    "Volume 772: debated on Wednesday 11 June 2025\n\n"
    "Priya Halloway (Wenlow South) (Lab)\n\n"
    "I beg to move,\n\n"
    "That this House has considered e-scooter safety.\n\n"
    "Three of my constituents have been injured by hired e-scooters since January.\n\n"
    "The Parliamentary Under-Secretary of State for Transport (Colm Featherstone)\n\n"
    "I congratulate the hon. Member on securing this debate.\n\n"
    "Priya Halloway\n\n"
    "Will the Minister meet the operators before the summer?\n\n"
    "Colm Featherstone\n\n"
    "I will meet them this month, and I will write to her afterwards.\n"
)
# The Lords: peers by title, a Minister's long office with the peer in brackets.
UK_LORDS = (
    "Bus Franchising\n\n"
    "Question\n\n"
    "Baroness Hollinshead (Con):\n"
    "To ask His Majesty's Government what assessment they have made of bus franchising in "
    "the north.\n\n"
    "The Parliamentary Under-Secretary of State, Department for Transport (Lord Avonmere) "
    "(Lab):\n"
    "My Lords, franchising has raised passenger numbers in every area that has adopted it.\n\n"
    "Lord Featherby (LD):\n"
    "My Lords, will the Minister commit to funding the smaller authorities too?\n\n"
    "Lord Avonmere (Lab):\n"
    "I cannot make that commitment today, but the review will report in the autumn.\n"
)
# Westminster Hall: the chair named with "(in the Chair)".
WESTMINSTER_HALL = (
    "Coastal Erosion: Suffolk\n\n"
    "[Sir Dennis Crewe in the Chair]\n\n"
    "Ruth Amberley (Easthaven) (LD):\n"
    "I beg to move, That this House has considered coastal erosion in Suffolk.\n\n"
    "Forty homes in my constituency have been lost to the sea since 2010.\n\n"
    "Sir Dennis Crewe (in the Chair):\n"
    "Order. I remind Members that the debate will finish at 4.30 pm.\n\n"
    "The Parliamentary Under-Secretary of State for Environment, Food and Rural Affairs "
    "(Tom Kessall):\n"
    "I congratulate the hon. Member for Easthaven on securing the debate.\n"
)
# The Dail's web record: the label on its own line, the chair by office; the record's own
# note of what the House did after the chair's short last word.
DAIL_WEB = (
    "Topical Issue Debate\n\n"
    "School Transport Services\n\n"
    "Deputy Aoife Brennagh\n"
    "The bus from Drumcaw has not run for a week. When will the Minister of State restore "
    "it?\n\n"
    "Minister of State at the Department of Education (Deputy Colm Rathgar)\n"
    "I thank the Deputy. The operator has assured my officials that it will run from "
    "Monday.\n\n"
    "Deputy Aoife Brennagh\n"
    "I will hold the Minister of State to that.\n\n"
    "An Leas-Cheann Comhairle\n"
    "That concludes Topical Issues.\n\n"
    "Sitting suspended at 4.58 p.m. and resumed at 5.58 p.m.\n\n"
    "An Ceann Comhairle\n"
    "Sitting suspended at 6.30 p.m. and resumed at 7 p.m.\n"
)
# A Canadian provincial Hansard's question period: labels inline, the riding or the
# portfolio in brackets, the Speaker by office, members' chorus.
PROVINCIAL = (
    "Oral Questions\n\n"
    "Health Care in Rural Manitoba\n\n"
    "Mr. Ann Lee (Dauphin): Honourable Speaker, the emergency room in Dauphin closed 40 "
    "times last year. When will the minister reopen it full time?\n\n"
    "The Speaker: The honourable Minister of Health.\n\n"
    "Hon. Sam Ode (Minister of Health): Honourable Speaker, we have hired 12 new nurses for "
    "the region this spring.\n\n"
    "Some Honourable Members: Oh, oh!\n\n"
    "The Speaker: Order, please.\n\n"
    "Hon. Sam Ode: The emergency room will be open every night by the end of June.\n\n"
    "Mr. Lee: The minister made the same promise last year.\n\n"
    "An Honourable Member: Shame.\n"
)
# The same with members labelled "MLA", a speech over two paragraphs, a point of order.
PROVINCIAL_MLA = (
    "Hansard\n\n"
    "Thursday, May 8, 2025\n\n"
    "ORAL QUESTIONS\n\n"
    "Bridge Closure on Highway 10\n\n"
    "MLA Wrenna Kostiuk (Swan River): Honourable Speaker, the Birch Creek bridge has been "
    "closed since March. Farmers are driving an extra hour to reach the elevator.\n\n"
    "When will the minister reopen the bridge?\n\n"
    "The Speaker: The honourable Minister of Transportation and Infrastructure.\n\n"
    "Hon. Bartholomew Nwachukwu-Hale (Minister of Transportation and Infrastructure): "
    "Honourable Speaker, I thank the member for the question.\n\n"
    "Crews will begin repairs on Monday, and we expect the bridge to reopen in August.\n\n"
    "Some Honourable Members: Oh, oh!\n\n"
    "The Speaker: Order.\n\n"
    "MLA Kostiuk: Honourable Speaker, that is five months without a crossing.\n\n"
    "Mrs. Delphine Arcand-Roy (Lac du Bonnet): Point of order, Honourable Speaker.\n"
)
# Ontario: no riding after a name, the Speaker named in brackets, "Interjections."
ONTARIO = (
    "QUESTION PERIOD\n\n"
    "Mr. Tavish Oyelaran-Booth: My question is for the Premier. Why has the northern hospital "
    "lost its maternity ward?\n\n"
    "Hon. Ingeborg Szymanska: To respond, the Minister of Health.\n\n"
    "The Speaker (Hon. Reuben Castellane): The Minister of Health.\n\n"
    "Hon. Ingeborg Szymanska: The ward will reopen as soon as we have recruited three "
    "obstetricians.\n\n"
    "Interjections.\n\n"
    "The Speaker (Hon. Reuben Castellane): Order.\n"
)
# An Australian state parliament: surnames in capitals, the electorate and a time stamp.
AUSTRALIAN = (
    "QUESTIONS WITHOUT NOTICE\n\n"
    "Hospital Waiting Lists\n\n"
    "Mr KERRIGAN (Bayswater) (14:06): My question is to the Minister for Health. How many "
    "patients are waiting more than a year for surgery?\n\n"
    "Ms FAIRWEATHER (Eastwood—Minister for Health) (14:07): I thank the member for his "
    "question. The number has fallen by a third since March.\n\n"
    "Honourable members interjecting—\n\n"
    "The SPEAKER: Order! The member for Bayswater has asked his question.\n\n"
    "Ms FAIRWEATHER: Two new theatres open at Eastwood Hospital in August.\n"
)
# A state Hansard that prints members' full names in capitals, interjections included.
AUSTRALIAN_FULL_NAMES = (
    "QUESTIONS WITHOUT NOTICE\n\n"
    "Regional Rail Services\n\n"
    "Mr TOBIAS GARRATT (Kellerby Downs) (14:31): My question is to the Minister for Regional "
    "Transport. The morning train from Wirrabin has been cancelled on nine days this month. "
    "When will it run on time?\n\n"
    "Ms ROSALIND PEMBERTHY (Coolah Ridge—Minister for Regional Transport) (14:32): I thank "
    "the member for his question. Two new trains enter service in May.\n\n"
    "Mr TOBIAS GARRATT: You closed the Tilbrook line!\n\n"
    "The SPEAKER: Order! The member for Kellerby Downs will come to order.\n\n"
    "Ms ROSALIND PEMBERTHY: The Tilbrook line was closed by the previous Government.\n"
)
# The Congressional Record: "Mr. SURNAME." and the chair "pro tempore".
CONGRESS = (
    "RURAL BROADBAND ACT\n\n"
    "Mr. HALVORSEN. Mr. Speaker, I yield myself such time as I may consume.\n\n"
    "This bill brings broadband to 40,000 farms in my State.\n\n"
    "The SPEAKER pro tempore. The gentleman from Nebraska reserves the balance of his time.\n\n"
    "Ms. DELACROIX-WEBB. Mr. Speaker, I rise in opposition to the bill.\n\n"
    "It spends $2 billion without a single hearing in committee.\n\n"
    "Mr. HALVORSEN. Mr. Speaker, I yield back the balance of my time.\n"
)
SENATE = (
    "The PRESIDING OFFICER. The Senator from Montana.\n\n"
    "Mr. LUNDQUIST. Madam President, I ask unanimous consent that the order for the quorum "
    "call be rescinded.\n\n"
    "The PRESIDING OFFICER. Without objection, it is so ordered.\n\n"
    "Mr. LUNDQUIST. Madam President, the wildfire season in Montana now starts in May.\n\n"
    "The ACTING PRESIDENT pro tempore. The Senator from Oregon.\n\n"
    "Ms. TREMBLAY-OYAMA. Madam President, our firefighters need better pay.\n"
)
# A radio interview: the presenter unnamed in the labels, the guest's name in capitals
# (which the model seldom reads as a name), then the surname alone.
RADIO = (
    "Interview transcript: Country Hour, Goldfields\n\n"
    "PRESENTER: The shire of Kalgarra has voted to close its only swimming pool. The shire "
    "president is Wilhelmina Tuckerbury. Good morning.\n\n"
    "WILHELMINA TUCKERBURY: Good morning.\n\n"
    "PRESENTER: Why close the pool?\n\n"
    "WILHELMINA TUCKERBURY: The pool loses $400,000 a year and the shire cannot carry that "
    "any longer.\n\n"
    "We looked at every other option first.\n\n"
    "PRESENTER: Parents say their kids will swim in the dams instead.\n\n"
    "TUCKERBURY: I understand that worry, and we will run a bus to the Boulder pool on "
    "weekends.\n\n"
    "PRESENTER: Wilhelmina Tuckerbury, thank you.\n"
)
# The guest named only in the labels: a known given name says the label is a name; a
# given name nobody knows, the label with the surname alone after it.
RADIO_LABELS_ONLY = (
    "PRESENTER: The pool closes on Friday. Why now?\n\n"
    "MARTA OKONJO: Because the roof is unsafe and we cannot afford to mend it this year.\n\n"
    "PRESENTER: You have known about the roof since 2021.\n\n"
    "MARTA OKONJO: We knew it needed work. We did not know it was dangerous until May.\n\n"
    "We will open a temporary pool at the leisure centre in the autumn.\n\n"
    "PRESENTER: Thank you for joining us.\n"
)
RADIO_SURNAME = (
    "HOST: The harbour wall at Porthkerris collapsed on Sunday night. Why?\n\n"
    "KERENSA POLGLAZE: The storm surge undercut the foundations, which were a hundred years "
    "old.\n\n"
    "HOST: Could it have been prevented?\n\n"
    "POLGLAZE: We asked for the money to repair it in 2022 and were turned down.\n"
)
# The host labelled by name alone: the one who names the guest in full (and asks) is the
# host, whose turns are no one's claims; a cue in the host's words is the one it names.
RADIO_HOST_NAMED = (
    "SABINE MERRIWETHER: The shire of Kalgarra has voted to close its only pool. Councillor "
    "Tobias Renwick voted for the closure. Good morning.\n\n"
    "TOBIAS RENWICK: Good morning, Sabine.\n\n"
    "SABINE MERRIWETHER: Why close it?\n\n"
    "TOBIAS RENWICK: It loses $400,000 a year and we cannot carry that.\n\n"
    "SABINE MERRIWETHER: The shire's planning chair, Ann Partridge, told residents on Monday "
    "that the pool would close for good.\n\n"
    "TOBIAS RENWICK: I understand, and we will run a bus to Boulder on weekends.\n\n"
    "SABINE MERRIWETHER: Tobias Renwick, thank you.\n"
)
# A panel: a moderator between two guests asks in nearly every turn, the guests never.
PANEL = (
    "Ruth Okonjo-Price and Tomas Vanterpool, the two candidates for mayor of Wenlow, met on "
    "Thursday night at the town hall. Ilse Achterberg of the Wenlow Courier put the "
    "questions.\n\n"
    "ACHTERBERG: Let's start with the bypass. Would you build it?\n\n"
    "OKONJO-PRICE: Yes. The town centre cannot take another ten years of lorries.\n\n"
    "ACHTERBERG: And you?\n\n"
    "VANTERPOOL: No. It would cost more than the council spends on housing in five years.\n\n"
    "ACHTERBERG: What about the market hall?\n\n"
    "OKONJO-PRICE: We reopen it in spring, with rents frozen for two years.\n\n"
    "ACHTERBERG: Is that affordable?\n\n"
    "VANTERPOOL: It is not, and she knows it.\n"
)
# A broadcaster's transcript: "NAME, ROLE:" the first time, the surname after.
TELEVISION = (
    "(BEGIN VIDEO CLIP)\n\n"
    "GRETA LINDQVIST, MAYOR OF PORT ASHBY: We were told the levee would hold. It did not "
    "hold.\n\n"
    "(END VIDEO CLIP)\n\n"
    "JONAH PELLINGHAM, ANCHOR: The mayor says 300 homes are still without power.\n\n"
    "LINDQVIST: The crews are working through the night and we expect most homes back by "
    "Sunday.\n\n"
    "PELLINGHAM: And the levee itself?\n\n"
    "LINDQVIST: The engineers will not be able to inspect it until the water goes down.\n"
)
# "Q:" and "A:": the answers are the one person the introduction names.
QA = (
    "The chief constable of Wenlow, Desmond Achebe-Rowe, answered listeners' questions on "
    "the breakfast programme.\n\n"
    "Q: Why are there fewer officers on the beat in Wenlow?\n\n"
    "A: We lost 80 officers to retirement in one year and training takes two years.\n\n"
    "Q: When will that change?\n\n"
    "A: By next spring the new recruits will be out on patrol.\n"
)
# A court transcript: the judge as "THE COURT", counsel as "MR. SURNAME:", the witness.
COURT = (
    "UNITED STATES DISTRICT COURT\n\n"
    "THE COURT: Please be seated. We are on the record in United States versus Pellegrino.\n\n"
    "MR. OKONKWO-BLAIR: Good morning, Your Honor. Desmond Okonkwo-Blair for the United "
    "States.\n\n"
    "THE COURT: Good morning. Mr. Haverford, is your client ready to proceed?\n\n"
    "MR. HAVERFORD: He is, Your Honor.\n\n"
    "THE COURT: Then we will begin at 10:30 tomorrow.\n"
)
# A press conference: "TITLE SURNAME:" labels, reporters' questions as "QUESTION:" and "Q:".
PRESS_CONFERENCE = (
    "Transcript of the press conference given by Governor Ilse Marchetti on the wildfires, "
    "Monday.\n\n"
    "GOVERNOR MARCHETTI: Good afternoon. Since Saturday the fires have burned 12,000 "
    "acres.\n\n"
    "We have ordered the evacuation of three more towns.\n\n"
    "QUESTION: Governor, how many homes have been lost?\n\n"
    "GOVERNOR MARCHETTI: We know of 140 homes, and that number will rise.\n\n"
    "CHIEF BRANNIGAN: Our crews have contained the northern front.\n\n"
    "Q: Will the highway reopen tomorrow?\n\n"
    "CHIEF BRANNIGAN: Not before Wednesday.\n"
)
# An earnings call as the transcript sites print it: a name, a spaced dash and the office
# on a line above the speech; the operator's lines name no one and end the turn before.
EARNINGS_CALL = (
    "Quillmore Brewing (QMB) Q2 2026 Earnings Call Transcript\n\n"
    "Prepared Remarks:\n\n"
    "Operator\n\n"
    "Good day, and welcome to the Quillmore Brewing second-quarter call. Please go ahead.\n\n"
    "Oksana Varley -- Chief Executive Officer\n\n"
    "Thank you. Volumes rose 4% in the quarter and our Tollerton brewery is now at full "
    "capacity.\n\n"
    "We expect to open the new canning line in October.\n\n"
    "Declan Haworth-Yates -- Chief Financial Officer\n\n"
    "Thanks, Oksana. We cut our net debt by 30 million dollars and we are raising "
    "guidance.\n\n"
    "Questions & Answers:\n\n"
    "Operator\n\n"
    "Our first question comes from Ruth Ambrose with Kellerby Partners.\n\n"
    "Oksana Varley -- Chief Executive Officer\n\n"
    "Yes, we will hire about 90 people at Tollerton before the end of the year.\n"
)
# A select committee's oral evidence: numbered questions, "Q41 Chair:", then the answers.
ORAL_EVIDENCE = (
    "Oral evidence: Ferry services to the islands, Scottish Affairs Committee\n\n"
    "Members present: Alasdair Gunn (Chair); Morag Lennox; Iain Tulloch.\n\n"
    "Witnesses: Catriona Muir, Managing Director, Northsound Ferries; and Ewan Strachan, "
    "Convener, Islands Transport Forum.\n\n"
    "Q41 Chair: Ms Muir, why were the winter sailings cut?\n\n"
    "Catriona Muir: Two of our vessels were in dry dock at once. We could not run the "
    "timetable with one ship.\n\n"
    "Q42 Chair: Mr Strachan, is that the whole story?\n\n"
    "Ewan Strachan: It is not. The islanders were told nothing until the day before.\n\n"
    "Q43 Morag Lennox: Ms Muir, when will the second vessel be back?\n\n"
    "Catriona Muir: By the middle of March, if the yard keeps to its schedule.\n"
)

# A devolved parliament's committee record that numbers every paragraph.
NUMBERED_PARAGRAPHS = (
    "Record of Proceedings: Economy and Skills Committee\n\n"
    "[105] Eluned Prys: Minister, when did your officials first learn that the Llanfor plant "
    "would close?\n\n"
    "[106] The Minister for Economy (Gethin Morgan-Rees): We learned of it on the Friday, the "
    "same day as the workforce.\n\n"
    "[107] Eluned Prys: And what has been done since?\n\n"
    "[108] The Minister for Economy (Gethin Morgan-Rees): We have offered the company a "
    "support package worth £4 million.\n"
)

# A phone-in: the presenter and each caller labelled by role, the name in brackets with
# where the caller lives.
PHONE_IN = (
    "Transcript: Mornings with Kate, Radio Tamar, Tuesday\n\n"
    "PRESENTER (KATE ORMEROD): The council says the tip at Marden will close in May. On the "
    "line is Rosalind from Wyke.\n\n"
    "CALLER (ROSALIND, WYKE): I have used that tip for thirty years and there is nowhere else "
    "within twenty miles.\n\n"
    "PRESENTER (KATE ORMEROD): Councillor Dev Anand joins us. Why close it?\n\n"
    "COUNCILLOR DEV ANAND: The site is full and the lease runs out in May.\n"
)

# Oral questions as a devolved parliament's record prints them: a numbered question with
# the member's seat, the minister's office with the name in brackets, later the office alone.
ORAL_QUESTIONS = (
    "Questions to the Cabinet Secretary for Transport\n\n"
    "1. Megan Halloway-Price (Severn Vale): What assessment has the Cabinet Secretary made of "
    "bus cuts in Severn Vale? OQ61020\n\n"
    "The Cabinet Secretary for Transport (Owain Tresilian): Thank you, Megan. Eleven routes "
    "were cut in the year to June.\n\n"
    "2. Osian ap Dafydd (Ynys Mon): Will the Cabinet Secretary make a statement on rural "
    "rail fares? OQ61024\n\n"
    "The Cabinet Secretary for Transport: Fares on the Heart of Wales line will be frozen "
    "until April.\n"
)

# An inquest report with an exchange from the recording: the one who died is named more
# often than the witness, whom the first question addresses by name.
INQUEST_EXCHANGE = (
    "Harold Pennick-Ward, 91, was found on the floor of his room at Larchmere House and died "
    "in hospital four days later. Mr Pennick-Ward's family have asked for a review.\n\n"
    "Giving evidence on Tuesday, Ines Marchbank-Oyelaran, who managed the home until "
    "January, said checks were recorded on a paper chart.\n\n"
    "Q. Mrs Marchbank-Oyelaran, did anybody check Mr Pennick-Ward at 3am?\n\n"
    "A. I believed so at the time. I now know the ticks were filled in later.\n\n"
    "Q. By whom?\n\n"
    "A. By one of the carers.\n"
)

# (text, [(speaker, speech)]): every turn of speech, one paragraph each.
TURNS = {
    "inquest_exchange": (INQUEST_EXCHANGE, [
        ("Ines Marchbank-Oyelaran", "I believed so at the time. I now know the ticks were "
                                    "filled in later."),
        ("Ines Marchbank-Oyelaran", "By one of the carers."),
    ]),
    "oral_questions": (ORAL_QUESTIONS, [
        ("Megan Halloway-Price", "What assessment has the Cabinet Secretary made of bus cuts "
                                 "in Severn Vale? OQ61020"),
        ("Owain Tresilian", "Thank you, Megan. Eleven routes were cut in the year to June."),
        # (the model finds "Dafydd" alone, the given name before the particle another thing)
        ("Osian ap Dafydd", "Will the Cabinet Secretary make a statement on rural rail "
                            "fares? OQ61024"),
        ("Owain Tresilian", "Fares on the Heart of Wales line will be frozen until April."),
    ]),
    "phone_in": (PHONE_IN, [
        ("Rosalind", "I have used that tip for thirty years and there is nowhere else within "
                     "twenty miles."),
        ("Dev Anand", "The site is full and the lease runs out in May."),
    ]),
    "numbered_paragraphs": (NUMBERED_PARAGRAPHS, [
        ("Eluned Prys", "Minister, when did your officials first learn that the Llanfor plant "
                        "would close?"),
        ("Gethin Morgan-Rees", "We learned of it on the Friday, the same day as the workforce."),
        ("Gethin Morgan-Rees", "We have offered the company a support package worth £4 "
                               "million."),
    ]),
    "earnings_call": (EARNINGS_CALL, [
        ("Oksana Varley", "Thank you. Volumes rose 4% in the quarter and our Tollerton brewery "
                          "is now at full capacity."),
        ("Oksana Varley", "We expect to open the new canning line in October."),
        ("Declan Haworth-Yates", "Thanks, Oksana. We cut our net debt by 30 million dollars "
                                 "and we are raising guidance."),
        ("Oksana Varley", "Yes, we will hire about 90 people at Tollerton before the end of "
                          "the year."),
    ]),
    "oral_evidence": (ORAL_EVIDENCE, [
        ("Alasdair Gunn", "Ms Muir, why were the winter sailings cut?"),
        ("Alasdair Gunn", "Mr Strachan, is that the whole story?"),
        ("Catriona Muir", "Two of our vessels were in dry dock at once. We could not run the "
                          "timetable with one ship."),
        ("Ewan Strachan", "It is not. The islanders were told nothing until the day before."),
        ("Morag Lennox", "Ms Muir, when will the second vessel be back?"),
        ("Catriona Muir", "By the middle of March, if the yard keeps to its schedule."),
    ]),
    "uk_commons": (UK_COMMONS, [
        ("Jo Pike", "What steps the Department is taking to restore the Sunday service between "
                    "Carrow and Wenlow."),
        ("Sam Ode", "The operator has agreed to run a Sunday timetable from September."),
        ("Sam Ode", "We will publish the full timetable in July."),
        ("Mr Speaker", "Order. I call the shadow Minister."),
        ("Jo Pike", "My constituents have waited six years for that answer."),
    ]),
    "uk_hansard_web": (UK_HANSARD_WEB, [
        ("Priya Halloway", "That this House has considered e-scooter safety."),
        ("Priya Halloway", "Three of my constituents have been injured by hired e-scooters "
                           "since January."),
        ("Colm Featherstone", "I congratulate the hon. Member on securing this debate."),
        ("Priya Halloway", "Will the Minister meet the operators before the summer?"),
        ("Colm Featherstone", "I will meet them this month, and I will write to her "
                              "afterwards."),
    ]),
    "uk_lords": (UK_LORDS, [
        ("Hollinshead", "To ask His Majesty's Government what assessment they have made of bus "
                        "franchising in the north."),
        ("Avonmere", "My Lords, franchising has raised passenger numbers in every area that has "
                     "adopted it."),
        ("Featherby", "My Lords, will the Minister commit to funding the smaller authorities "
                      "too?"),
        ("Avonmere", "I cannot make that commitment today, but the review will report in the "
                     "autumn."),
    ]),
    "westminster_hall": (WESTMINSTER_HALL, [
        ("Ruth Amberley", "I beg to move, That this House has considered coastal erosion in "
                          "Suffolk."),
        ("Ruth Amberley", "Forty homes in my constituency have been lost to the sea since 2010."),
        ("Dennis Crewe", "Order. I remind Members that the debate will finish at 4.30 pm."),
        ("Tom Kessall", "I congratulate the hon. Member for Easthaven on securing the debate."),
    ]),
    "dail_web": (DAIL_WEB, [
        ("Aoife Brennagh", "The bus from Drumcaw has not run for a week. When will the "
                           "Minister of State restore it?"),
        ("Colm Rathgar", "I thank the Deputy. The operator has assured my officials that it "
                         "will run from Monday."),
        ("Aoife Brennagh", "I will hold the Minister of State to that."),
        ("An Leas-Cheann Comhairle", "That concludes Topical Issues."),
    ]),
    "provincial": (PROVINCIAL, [
        ("Ann Lee", "Honourable Speaker, the emergency room in Dauphin closed 40 times last "
                    "year. When will the minister reopen it full time?"),
        ("The Speaker", "The honourable Minister of Health."),
        ("Sam Ode", "Honourable Speaker, we have hired 12 new nurses for the region this "
                    "spring."),
        ("The Speaker", "Order, please."),
        ("Sam Ode", "The emergency room will be open every night by the end of June."),
        ("Ann Lee", "The minister made the same promise last year."),
    ]),
    "provincial_mla": (PROVINCIAL_MLA, [
        ("Wrenna Kostiuk", "Honourable Speaker, the Birch Creek bridge has been closed since "
                           "March. Farmers are driving an extra hour to reach the elevator."),
        ("Wrenna Kostiuk", "When will the minister reopen the bridge?"),
        ("The Speaker", "The honourable Minister of Transportation and Infrastructure."),
        ("Bartholomew Nwachukwu-Hale", "Honourable Speaker, I thank the member for the "
                                       "question."),
        ("Bartholomew Nwachukwu-Hale", "Crews will begin repairs on Monday, and we expect the "
                                       "bridge to reopen in August."),
        ("The Speaker", "Order."),
        ("Wrenna Kostiuk", "Honourable Speaker, that is five months without a crossing."),
        ("Delphine Arcand-Roy", "Point of order, Honourable Speaker."),
    ]),
    "ontario": (ONTARIO, [
        ("Tavish Oyelaran-Booth", "My question is for the Premier. Why has the northern "
                                  "hospital lost its maternity ward?"),
        ("Ingeborg Szymanska", "To respond, the Minister of Health."),
        ("Reuben Castellane", "The Minister of Health."),
        ("Ingeborg Szymanska", "The ward will reopen as soon as we have recruited three "
                               "obstetricians."),
        ("Reuben Castellane", "Order."),
    ]),
    "australian": (AUSTRALIAN, [
        ("KERRIGAN", "My question is to the Minister for Health. How many patients are waiting "
                     "more than a year for surgery?"),
        ("FAIRWEATHER", "I thank the member for his question. The number has fallen by a third "
                        "since March."),
        ("The SPEAKER", "Order! The member for Bayswater has asked his question."),
        ("FAIRWEATHER", "Two new theatres open at Eastwood Hospital in August."),
    ]),
    "australian_full_names": (AUSTRALIAN_FULL_NAMES, [
        ("TOBIAS GARRATT", "My question is to the Minister for Regional Transport. The morning "
                           "train from Wirrabin has been cancelled on nine days this month. "
                           "When will it run on time?"),
        ("ROSALIND PEMBERTHY", "I thank the member for his question. Two new trains enter "
                               "service in May."),
        ("TOBIAS GARRATT", "You closed the Tilbrook line!"),
        ("The SPEAKER", "Order! The member for Kellerby Downs will come to order."),
        ("ROSALIND PEMBERTHY", "The Tilbrook line was closed by the previous Government."),
    ]),
    "congress": (CONGRESS, [
        ("HALVORSEN", "Mr. Speaker, I yield myself such time as I may consume."),
        ("HALVORSEN", "This bill brings broadband to 40,000 farms in my State."),
        ("The SPEAKER pro tempore", "The gentleman from Nebraska reserves the balance of his "
                                    "time."),
        ("DELACROIX-WEBB", "Mr. Speaker, I rise in opposition to the bill."),
        ("DELACROIX-WEBB", "It spends $2 billion without a single hearing in committee."),
        ("HALVORSEN", "Mr. Speaker, I yield back the balance of my time."),
    ]),
    "senate": (SENATE, [
        ("The PRESIDING OFFICER", "The Senator from Montana."),
        ("LUNDQUIST", "Madam President, I ask unanimous consent that the order for the quorum "
                      "call be rescinded."),
        ("The PRESIDING OFFICER", "Without objection, it is so ordered."),
        ("LUNDQUIST", "Madam President, the wildfire season in Montana now starts in May."),
        ("The ACTING PRESIDENT pro tempore", "The Senator from Oregon."),
        ("TREMBLAY-OYAMA", "Madam President, our firefighters need better pay."),
    ]),
    "radio": (RADIO, [
        ("Wilhelmina Tuckerbury", "Good morning."),
        ("Wilhelmina Tuckerbury", "The pool loses $400,000 a year and the shire cannot carry "
                                  "that any longer."),
        ("Wilhelmina Tuckerbury", "We looked at every other option first."),
        ("Wilhelmina Tuckerbury", "I understand that worry, and we will run a bus to the "
                                  "Boulder pool on weekends."),
    ]),
    "radio_labels_only": (RADIO_LABELS_ONLY, [
        ("Marta Okonjo", "Because the roof is unsafe and we cannot afford to mend it this "
                         "year."),
        ("Marta Okonjo", "We knew it needed work. We did not know it was dangerous until May."),
        ("Marta Okonjo", "We will open a temporary pool at the leisure centre in the autumn."),
    ]),
    "radio_surname": (RADIO_SURNAME, [
        ("Kerensa Polglaze", "The storm surge undercut the foundations, which were a hundred "
                             "years old."),
        ("Kerensa Polglaze", "We asked for the money to repair it in 2022 and were turned down."),
    ]),
    "radio_host_named": (RADIO_HOST_NAMED, [
        ("Tobias Renwick", "Good morning, Sabine."),
        ("Tobias Renwick", "It loses $400,000 a year and we cannot carry that."),
        ("Tobias Renwick", "I understand, and we will run a bus to Boulder on weekends."),
    ]),
    "television": (TELEVISION, [
        ("Greta Lindqvist", "We were told the levee would hold. It did not hold."),
        ("Greta Lindqvist", "The crews are working through the night and we expect most homes "
                            "back by Sunday."),
        ("Greta Lindqvist", "The engineers will not be able to inspect it until the water goes "
                            "down."),
    ]),
    "qa": (QA, [
        ("Desmond Achebe-Rowe", "We lost 80 officers to retirement in one year and training "
                                "takes two years."),
        ("Desmond Achebe-Rowe", "By next spring the new recruits will be out on patrol."),
    ]),
    "court": (COURT, [
        ("THE COURT", "Please be seated. We are on the record in United States versus "
                      "Pellegrino."),
        ("Desmond Okonkwo-Blair", "Good morning, Your Honor. Desmond Okonkwo-Blair for the "
                                  "United States."),
        ("THE COURT", "Good morning. Mr. Haverford, is your client ready to proceed?"),
        ("Haverford", "He is, Your Honor."),
        ("THE COURT", "Then we will begin at 10:30 tomorrow."),
    ]),
    "press_conference": (PRESS_CONFERENCE, [
        ("Ilse Marchetti", "Good afternoon. Since Saturday the fires have burned 12,000 acres."),
        ("Ilse Marchetti", "We have ordered the evacuation of three more towns."),
        ("Ilse Marchetti", "We know of 140 homes, and that number will rise."),
        ("BRANNIGAN", "Our crews have contained the northern front."),
        ("BRANNIGAN", "Not before Wednesday."),
    ]),
}

def test_a_caller_known_by_a_given_name_is_one_person(nlp) -> None:
    # (the model may call a given name alone a place; the label says a person)
    ex = run(nlp, "Transcript: Drive Time, Radio Tamar, Tuesday\n\n"
                  "PRESENTER (KATE ORMEROD): The tip at Marden will close in May. Now to "
                  "Pádraig in Tuam.\n\n"
                  "CALLER (PÁDRAIG, TUAM): The same thing happened here in 2019.\n\n"
                  "COUNCILLOR DEV ANAND: The site is full and the lease runs out in May.\n")
    named = [e for e in ex.entities if e.name.casefold() == "pádraig"]
    assert [e.type for e in named] == ["PERSON"], [(e.name, e.type) for e in ex.entities]
    claim = claim_with(ex, "happened here in 2019")
    assert claim is not None and claim.speaker == named[0].id, claims_seen(ex)


def test_a_caller_named_in_full_before_is_that_person(nlp) -> None:
    ex = run(nlp, "Transcript: Drive Time, Radio Tamar, Tuesday\n\n"
                  "PRESENTER (KATE ORMEROD): The tip at Marden will close in May. On the line "
                  "is Maureen Kelly from Wyke.\n\n"
                  "CALLER (MAUREEN, WYKE): I have used that tip for thirty years.\n\n"
                  "COUNCILLOR DEV ANAND: The site is full and the lease runs out in May.\n")
    assert not [e for e in ex.entities if e.name.casefold() == "maureen"], ex.entities
    assert_spoken_by(ex, ("thirty years",), "Maureen Kelly")


# (format, words that are nobody's claim: a chorus, the one asking, the record's voice)
NOT_TURNS = [
    ("dail_web", "Sitting suspended at 4.58"),
    ("dail_web", "Sitting suspended at 6.30"),  # under the chair's line, the record's still
    ("earnings_call", "Good day, and welcome to the Quillmore Brewing second-quarter call. "
                      "Please go ahead."),
    ("earnings_call", "Our first question comes from Ruth Ambrose with Kellerby Partners."),
    ("uk_commons", "Hear, hear!"),
    ("provincial", "Oh, oh!"),
    ("provincial", "Shame."),
    ("provincial_mla", "Oh, oh!"),
    ("ontario", "Interjections."),
    ("radio", "Why close the pool?"),
    ("radio", "Parents say their kids will swim in the dams instead."),
    ("radio", "Wilhelmina Tuckerbury, thank you."),
    ("radio_labels_only", "You have known about the roof since 2021."),
    ("radio_surname", "Could it have been prevented?"),
    ("radio_host_named", "Why close it?"),
    ("radio_host_named", "Tobias Renwick, thank you."),
    ("phone_in", "Why close it?"),
    ("television", "And the levee itself?"),
    ("qa", "When will that change?"),
    ("press_conference", "Governor, how many homes have been lost?"),
    ("press_conference", "Will the highway reopen tomorrow?"),
]

_EXTRACTED: dict[str, Extraction] = {}


def _extracted(nlp, name: str) -> Extraction:
    if name not in _EXTRACTED:
        _EXTRACTED[name] = run(nlp, TURNS[name][0])
    return _EXTRACTED[name]


@pytest.mark.parametrize(("name", "speaker", "speech"), [
    (name, speaker, speech) for name, (_, turns) in TURNS.items() for speaker, speech in turns])
def test_every_turn_is_a_claim_of_its_label(nlp, name: str, speaker: str, speech: str) -> None:
    ex = _extracted(nlp, name)
    claim = next((c for c in ex.claims if c.text == speech), None)
    assert claim is not None, f"no claim of {speech!r}; claims {claims_seen(ex)}"
    assert is_named(ex, claim.speaker, speaker), claims_seen(ex)
    assert ex.article.text[claim.start : claim.end] == speech


@pytest.mark.parametrize(("name", "words"), NOT_TURNS)
def test_chorus_and_questions_are_nobodys_turn(nlp, name: str, words: str) -> None:
    ex = _extracted(nlp, name)
    claim = claim_with(ex, words)
    assert claim is None or claim.speaker is None or claim.cue is not None, claims_seen(ex)


# News with colons: notes, captions, updates, a timeline and times; the story's own
# claims come out as usual and nothing else.
NEWS_NOTES = (
    "Carrow council approves new bus lanes\n\n"
    "Update: This article was amended on 4 June to correct the date of the vote.\n\n"
    "Councillors voted 31 to 12 on Tuesday to add bus lanes on two roads into the town.\n\n"
    "Note: The council meeting started at 10:30 and ended after 2pm.\n\n"
    "Photo: Buses queue on Wenlow Road during the morning rush.\n\n"
    "Council leader Hana Poljak said the lanes would cut journey times by a fifth.\n\n"
    "Warning: Roadworks will close Mill Street from Monday.\n\n"
    "Opposition leader Colm Treacy said drivers had not been consulted.\n\n"
    "Editor's note: Colm Treacy is a former employee of this newspaper.\n"
)
NEWS_UPDATES = (
    "UPDATE: Police have reopened the A38 after the crash near Hollow Cross.\n\n"
    "BREAKING: A second lorry has overturned on the same stretch of road.\n\n"
    "Inspector Gwendolyn Pryce said officers were at the scene by 7:45.\n\n"
    "CORRECTION: An earlier version of this story gave the wrong junction number.\n\n"
    "WATCH: Footage shows the lorry on its side.\n\n"
    "Drivers were told to use the B3190 instead.\n"
)
NEWS_TIMELINE = (
    "Timeline of the strike\n\n"
    "Monday: Nurses at Ashgrove Hospital walk out for 48 hours.\n\n"
    "Wednesday: The health board offers a 4% pay rise.\n\n"
    "Grace Church: Volunteers serve hot meals to the picket line.\n\n"
    "Union organiser Mairead Fennelly said members would vote on the offer next week.\n\n"
    "Location: Ashgrove Hospital, Wenlow Road.\n\n"
    "Background: Nurses last struck in 2023.\n"
)


def test_a_name_as_a_subheading_is_no_speaker_line(nlp) -> None:
    """A profile's subheadings that are names, with no record's label before them."""
    ex = run(nlp, "Two candidates for Wenlow South\n\n"
                  "Priya Halloway\n\n"
                  "The former nurse has lived in the town for twenty years.\n\n"
                  "Colm Featherstone\n\n"
                  "The sitting councillor runs the housing committee.\n")
    for key in ("former nurse", "sitting councillor"):
        claim = claim_with(ex, key)
        assert claim is None or claim.speaker is None, claims_seen(ex)


@pytest.mark.parametrize(("text", "said", "not_claims"), [
    (NEWS_NOTES, [("Hana Poljak", "cut journey times"), ("Colm Treacy", "not been consulted")],
     ["article was amended", "meeting started at 10:30", "buses queue on wenlow road",
      "roadworks will close", "former employee", "councillors voted"]),
    (NEWS_UPDATES, [("Gwendolyn Pryce", "at the scene by 7:45")],
     ["reopened the a38", "second lorry", "wrong junction number", "footage shows"]),
    (NEWS_TIMELINE, [("Mairead Fennelly", "vote on the offer")],
     ["walk out for 48 hours", "offers a 4% pay rise", "hot meals", "ashgrove hospital, "
      "wenlow road", "last struck in 2023"]),
])
def test_news_with_colons_is_not_a_transcript(nlp, text: str, said: list[tuple[str, str]],
                                              not_claims: list[str]) -> None:
    ex = run(nlp, text)
    for speaker, key in said:
        claim = claim_with(ex, key)
        assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)
    for key in not_claims:
        assert claim_with(ex, key) is None, claims_seen(ex)


def test_a_cue_in_a_turn_is_the_named_speakers_not_the_labels(nlp) -> None:
    """The parser takes "SABINE MERRIWETHER:" for the subject of "told": the words are
    Ann Partridge's, not the host's."""
    ex = _extracted(nlp, "radio_host_named")
    claim = claim_with(ex, "the pool would close for good")
    assert claim is not None and is_named(ex, claim.speaker, "Ann Partridge"), claims_seen(ex)


def test_a_label_names_more_than_the_entity_found_in_it_under_its_honorific():
    # The model may find "Mr TOBIAS" alone in "Mr TOBIAS GARRATT: You closed the line!": the
    # label's whole name is the speaker, the honorific in the alias notwithstanding.
    index = EntityIndex([Entity("e", "TOBIAS", "PERSON", ("Mr TOBIAS",))], {"e": "PERSON"},
                        {}, {}, [])
    assert _fuller(index, "e", ["TOBIAS", "GARRATT"])
    assert not _fuller(index, "e", ["TOBIAS"])


@pytest.mark.parametrize(("name", "person", "title"), [
    ("uk_commons", "Sam Ode", "Minister for Rail"),
    ("uk_lords", "Avonmere", "Parliamentary Under-Secretary of State, Department for Transport"),
    ("westminster_hall", "Tom Kessall", "Parliamentary Under-Secretary of State for "
                                        "Environment, Food and Rural Affairs"),
    ("provincial", "Sam Ode", "Minister of Health"),
    ("provincial_mla", "Bartholomew Nwachukwu-Hale",
     "Minister of Transportation and Infrastructure"),
    ("ontario", "Reuben Castellane", "Speaker"),
    ("australian", "FAIRWEATHER", "Minister for Health"),
    ("television", "Greta Lindqvist", "MAYOR OF PORT ASHBY"),
    ("earnings_call", "Oksana Varley", "Chief Executive Officer"),
    ("earnings_call", "Declan Haworth-Yates", "Chief Financial Officer"),
])
def test_a_label_gives_its_speaker_the_office_it_names(nlp, name: str, person: str,
                                                       title: str) -> None:
    ex = _extracted(nlp, name)
    held = [(r.title, ex.article.text[r.start : r.end]) for r in ex.roles
            if is_named(ex, r.person, person)]
    assert (title, title) in held, [(r.person, r.title) for r in ex.roles]


@pytest.mark.parametrize("name", ["westminster_hall", "provincial", "australian"])
def test_constituencies_parties_and_times_are_no_offices(nlp, name: str) -> None:
    """"(Easthaven) (LD)", "(Dauphin)", "(Bayswater) (14:06)", "(in the Chair)"."""
    ex = _extracted(nlp, name)
    titles = {r.title for r in ex.roles}
    assert not titles & {"Easthaven", "LD", "Dauphin", "Bayswater", "14:06", "in the Chair"}


def test_a_moderator_between_guests_claims_nothing(nlp) -> None:
    """The guests answer under their surnames; the one asking in every turn is the
    moderator, whose questions are no one's claims."""
    ex = run(nlp, PANEL)
    for key, speaker in (("town centre cannot take", "Ruth Okonjo-Price"),
                         ("more than the council spends", "Tomas Vanterpool"),
                         ("rents frozen for two years", "Ruth Okonjo-Price"),
                         ("she knows it", "Tomas Vanterpool")):
        claim = claim_with(ex, key)
        assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)
    for key in ("would you build it", "and you?", "what about the market hall",
                "is that affordable"):
        claim = claim_with(ex, key)
        assert claim is None or claim.speaker is None, claims_seen(ex)


@pytest.mark.parametrize(("after_name", "asks"), [
    (", presenter of the programme", True),
    (" (host)", True),
    (", the station's correspondent", True),
    (" told host Kit Varley", False),  # Kit Varley asks; the one named first answers
    (" and correspondent Ann Bell", False),
])
def test_the_one_who_asks_is_named_after_a_comma_or_bracket(after_name: str,
                                                            asks: bool) -> None:
    from storygraph.extract.transcript import _ASKER_AFTER
    assert bool(_ASKER_AFTER.match("Jo Pike" + after_name, len("Jo Pike"))) is asks


# The chair changes hands: an office's bare label is the one who last took it, not one
# who takes it later.
CHAIR_CHANGES = (
    "The Deputy Speaker (Ann Lee): Order, order. The member for Carrow North has the floor "
    "and will be heard.\n\n"
    "Sam Ode (Carrow North) (Lab): The budget leaves my constituents without a bus service.\n\n"
    "The Deputy Speaker: The member must address the chair, not the gallery.\n\n"
    "The Deputy Speaker (Bo Kent): Order. We now come to the second reading of the bill.\n\n"
    "The Deputy Speaker: The question is that the bill be now read a second time.\n\n"
    "MINISTER [Tui Ngata]: The budget is balanced and will stay balanced.\n\n"
    "MINISTER: We will not cut the rail grant this year or next.\n\n"
    "MINISTER [Rua Hemi]: The new grant starts in April for every region.\n\n"
    "MINISTER: Councils will hear from us by the end of March.\n\n"
)


@pytest.mark.parametrize(("speech", "speaker"), [
    ("must address the chair", "Ann Lee"),
    ("question is that the bill", "Bo Kent"),
    ("not cut the rail grant", "Tui Ngata"),
    ("councils will hear from us", "Rua Hemi"),
])
def test_an_office_alone_is_its_latest_holder(nlp, speech: str, speaker: str) -> None:
    ex = run(nlp, CHAIR_CHANGES)
    claim = claim_with(ex, speech)
    assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)
