"""English phrases the rubric counts, with their weights (a component's score is the sum of
the weights of the distinct phrases found, capped at 1).

Patterns are case-insensitive regexes; the compiler adds word boundaries (sim/rubric/lexicon.py).
"""

_WE = r"(?:we(?: are|'re| have|'ve| will|'ll)?|i(?: am|'m| have|'ve| will|'ll)?)"
_NUMBER = r"\d+(?:[.,:]\d+)*"
_SCALE = r"(?:\s*(?:%|per ?cent|million|billion|thousand|k|am|pm|a\.m\.|p\.m\.|gmt|utc|cet))?"
_COUNTED = (
    r"(?:\s+(?:customers?|users?|accounts?|people|passengers|clients|orders|cards|records|"
    r"emails|passwords|products|units|bottles|packs|jars|stores|shops|flights|bookings|"
    r"hours?|minutes?|days?|weeks?|months?))?"
)
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|a hundred|hundreds of|thousands of|millions of)"
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
# "May" and "March" are also words: a month counts alone only when it cannot be one.
_UNAMBIGUOUS_MONTH = (
    r"(?:january|february|april|june|july|august|september|october|november|december)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TIME_REF = rf"(?:{_NUMBER}{_SCALE}|noon|midnight|tonight|tomorrow|{_WEEKDAY}|end of (?:the )?day)"

PHRASES: dict[str, tuple[tuple[str, float], ...]] = {
    "acknowledgement": (
        (rf"{_WE} (?:are |is )?aware", 0.7),
        (r"we know (?:that|about|what)", 0.6),
        (r"we (?:can )?confirm", 0.7),
        (r"(?:has|have) (?:been )?(?:affected|exposed|accessed|compromised|leaked|stolen)", 0.5),
        (r"(?:we have|we've) (?:identified|found|discovered|detected|seen|received)", 0.6),
        (r"this (?:should not|shouldn't|should never) have happened", 0.7),
        (
            r"(?:there (?:was|has been|is)|we had|we've had|we have had) (?:an?|the) "
            r"(?:incident|breach|outage|problem|issue|error|failure|mistake|fault|recall)",
            0.7,
        ),
        (
            r"(?:is|are|was|were|has been|have been) (?:currently |temporarily |partly )?"
            r"(?:down|unavailable|not working|failing|offline|disrupted)",
            0.5,
        ),
        (
            r"(?:reports of |an? )?(?:unauthori[sz]ed access|cyber ?attack|security incident|"
            r"data breach|outage|service disruption|recall)",
            0.4,
        ),
        (r"(?:what|this) happened", 0.4),
        (r"you(?: are|'re) right", 0.6),
    ),
    "apology": (
        (rf"{_WE} (?:(?:so|very|truly|deeply|really|sincerely) )*sorry", 0.6),
        (
            r"sorry(?: for| about)? (?:this|that|what happened|the (?:outage|breach|delay|"
            r"disruption|mistake|error|harm|hurt|pain|worry|distress))",
            0.6,
        ),
        (r"(?:we|i) (?:(?:sincerely|deeply|unreservedly|truly) )?apologi[sz]e", 0.6),
        (r"(?:our|my) (?:(?:sincere|deepest|unreserved) )?apologies", 0.6),
        (r"we (?:deeply )?regret (?:this|our|what|the (?:harm|mistake|error))", 0.4),
        (r"(?:we|i) got (?:this|it|that) (?:badly |completely )?wrong", 0.5),
        (
            r"(?:it|this|that) (?:was|is) (?:entirely |completely )?(?:our|my) "
            r"(?:fault|mistake|error|failure|responsibility)",
            0.5,
        ),
        (r"(?:our|my) (?:fault|mistake|error|failure)", 0.4),
        (r"(?:we|i) (?:take|accept) (?:full |complete )?responsibility", 0.5),
        (r"(?:(?:this|that|it) (?:is|was)|that's|it's) on (?:us|me)", 0.5),
        (r"(?:we|i) (?:failed|let you down|made a mistake|messed up|should have)", 0.5),
        (r"(?:it|this|that) (?:was|is) (?:unacceptable|inexcusable|wrong)", 0.4),
    ),
    "specific_facts": (
        (rf"{_NUMBER}{_SCALE}{_COUNTED}", 0.35),
        (
            rf"{_NUMBER_WORD}\s+(?:customers|users|accounts|people|orders|hours|minutes|days|"
            r"weeks|stores)",
            0.35,
        ),
        (rf"{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY}|{_UNAMBIGUOUS_MONTH}", 0.35),
        (rf"(?:on |since |by |until )?{_WEEKDAY}(?: (?:morning|afternoon|evening|night))?", 0.3),
        (r"since (?:yesterday|last night|this morning|midnight|noon)", 0.3),
        (
            r"(?:our|the) (?:[\w-]+ ){0,2}(?:systems?|servers?|database|app|website|site|platform|"
            r"network|api|checkout|login|backend|batch|lot|factory|plant|warehouse|firmware)",
            0.35,
        ),
        (r"(?:batch|lot|model|version|order|case|ticket) (?:no\.? |number )?[a-z]*\d[\w-]*", 0.35),
    ),
    "empathy": (
        (
            r"(?:we|i) (?:fully |completely |really )?(?:understand|know|can (?:only )?imagine|"
            r"appreciate) (?:how|why|that this|the (?:frustration|worry|anger|stress|distress))",
            0.7,
        ),
        (
            r"(?:frustrating|worrying|upsetting|distressing|stressful|disappointing|alarming|"
            r"scary|unsettling|hurtful|painful)",
            0.4,
        ),
        (r"(?:your|the) (?:frustration|anger|worry|concern|concerns|disappointment|distress)", 0.4),
        (r"(?:we|i) hear you", 0.6),
        (r"(?:our|my) thoughts are with", 0.6),
        (r"you (?:trusted|trust|rely|relied|count|counted) on us", 0.6),
        (r"(?:you|customers) deserve(?:d)? better", 0.6),
        (r"(?:we|i) (?:care|are here for you)", 0.4),
    ),
    "instructions": (
        (r"(?:please )?(?:change|reset|update) your (?:password|pin|passcode|app|settings)", 0.6),
        (
            r"(?:please )?(?:enable|turn on|set up) (?:two-factor|2fa|two-step|mfa|multi-factor)",
            0.6,
        ),
        (
            r"(?:please )?(?:contact|call|email|e-mail|message|dm|write to|reach) (?:us|our|the)",
            0.5,
        ),
        (
            r"(?:please )?(?:do not|don't|never|stop) (?:use|using|eat|eating|drink|drinking|"
            r"consume|click|open|reply|share|give|charge|plug)",
            0.6,
        ),
        (
            r"(?:please )?(?:return|bring back|dispose of|throw away|check|look for|watch out for|"
            r"keep an eye on|monitor|unplug|restart|reinstall) (?:it|the|your|any|for)",
            0.5,
        ),
        (r"(?:please )?(?:visit|go to|see|follow) (?:our|the|[\w-]+\.[a-z]{2,})", 0.4),
        (r"(?:[\w.-]+@[\w-]+\.[a-z]{2,}|(?:https?://|www\.)\S+|\+?\d[\d ()-]{7,}\d)", 0.5),
        (
            r"(?:you can|you should|you'll need to|you will need to|if you (?:are|were|have)|"
            r"if your|you (?:will not|won't) be (?:charged|billed|affected))",
            0.4,
        ),
        (r"(?:for a (?:full )?refund|to get a refund|to claim)", 0.4),
    ),
    "next_steps": (
        (
            r"(?:we|i)(?: will|'ll) (?:update|post an update|report back|share more|get back to)"
            r"(?: you| everyone)?(?: again)?",
            0.5,
        ),
        (
            r"(?:we|i)(?: will|'ll) (?:update|post an update|report back|share more|get back to)"
            rf"(?: you| everyone)?(?: again)? (?:by|at|in|within|before|on) {_TIME_REF}",
            0.8,
        ),
        (
            rf"(?:next|another|a further|the next) update (?:is )?(?:(?:by|at|in|within|before|"
            rf"on) )?(?:{_TIME_REF}|the next \w+|\w+ hours?|an hour)",
            0.7,
        ),
        (
            r"(?:we|i) will (?:publish|share|contact|notify|email|refund|replace|investigate|fix|"
            r"restore|review|report|write to|call|compensate|reimburse|let you know|keep you)",
            0.5,
        ),
        (
            rf"(?:by|before|within|no later than) (?:{_TIME_REF}|the end of|(?:the next )?\w+ "
            r"(?:hours?|minutes?|days?))",
            0.4,
        ),
        (
            r"(?:we are|we're|(?:our |the )?(?:team|teams|engineers|technicians|people) "
            r"(?:is|are)) (?:working|investigating|looking into|restoring|fixing|on it)",
            0.4,
        ),
        (r"in the (?:coming|next) (?:hours|days|few hours|few days)", 0.3),
        (r"(?:an? )?(?:independent )?(?:investigation|review|audit) (?:is|has been|will be)", 0.4),
    ),
    "first_person": ((r"(?:i|i'm|i've|i'll|me|my|we|we're|we've|we'll|us|our|ours)", 1.0),),
    "second_person": ((r"(?:you|you're|you've|you'll|your|yours)", 1.0),),
    "denial": (
        (r"we (?:have )?(?:did|done) nothing wrong", 1.0),
        (
            r"(?:we )?(?:categorically |firmly |strongly )?(?:deny|reject) (?:any|all|the|these|"
            r"this|that)",
            0.9,
        ),
        (r"(?:this|it|that) (?:is|was) not (?:our|my) (?:fault|responsibility|doing)", 1.0),
        (r"not (?:our|my) fault", 1.0),
        (r"(?:there is|there's|there was) no (?:problem|issue|evidence|breach|wrongdoing)", 0.7),
        (r"(?:never|did not|didn't) happen(?:ed)?", 0.8),
        (
            r"(?:is|are|was|were) (?:simply |completely |totally )?(?:false|untrue|not true|"
            r"baseless|unfounded|fake)",
            0.7,
        ),
        (r"fake news", 0.8),
        (r"(?:we|i) stand by", 0.6),
    ),
    "blame": (
        (
            r"(?:caused by|due to|because of|the fault of|blame (?:lies )?with|responsibility of|"
            r"(?:an? )?(?:error|failure|mistake|fault|problem) (?:by|of|at|with)) "
            r"(?:a |an |the |our |one of our )?(?:third[- ]party|vendors?|suppliers?|partners?|"
            r"contractors?|provider|subcontractors?|former employee|rogue employee|intern|hackers?|"
            r"criminals?)",
            0.8,
        ),
        (r"(?:user|customer|human|operator) (?:error|misuse|negligence)", 0.8),
        (r"(?:customers|users|people) (?:did not|didn't|failed to) (?:follow|read|use)", 0.8),
        (r"(?:misunderstood|misinterpreted|taken out of context|overreact(?:ed|ing)?)", 0.7),
    ),
    "attack": (
        (r"(?:legal action|sue|lawsuit) against", 0.9),
        (r"(?:malicious|bad[- ]faith|defamatory|slanderous|agenda-driven)", 0.7),
        (r"(?:trolls?|haters|so-called (?:journalists?|experts?|customers?))", 0.8),
        (r"(?:those|people|critics) (?:spreading|pushing) (?:lies|rumours|rumors)", 0.8),
    ),
    "legalese": (
        (
            r"(?:pursuant to|hereby|herein|hereinafter|aforementioned|notwithstanding|heretofore)",
            0.4,
        ),
        (r"without (?:prejudice|admission)", 0.6),
        (r"no admission of (?:liability|fault|guilt|responsibility)", 0.7),
        (
            r"(?:to the (?:fullest )?extent permitted by|in accordance with) (?:applicable |the )?"
            r"(?:law|regulations?|legislation|policy|policies|terms)",
            0.4,
        ),
        (r"(?:alleged|allegedly|purported|purportedly)", 0.3),
        (r"(?:liability|liable|indemnif\w+|remediation measures|material impact)", 0.3),
        (r"the company (?:takes|is|has|will|remains|regrets)", 0.3),
        (
            r"(?:take|takes|taking) (?:this|the|these|such) (?:matter |matters |issue |issues )?"
            r"(?:very |extremely )?seriously|(?:is|remains) our (?:top|highest) priority",
            0.3,
        ),
        (
            r"(?:at this (?:point in )?time|in due course|going forward|out of an abundance of "
            r"caution)",
            0.3,
        ),
        (r"(?:any|the) (?:inconvenience|disruption) (?:this|that|which) may have caused", 0.3),
    ),
    "non_apology": (
        (
            rf"(?:{_WE} )?(?:(?:so|very|truly|deeply|really) )?sorry if (?:anyone|anybody|"
            r"someone|somebody|any of you|you|some of you|people|some people|some customers|"
            r"customers)\b[^.!?\n]*",
            1.0,
        ),
        (
            r"(?:we|i) (?:sincerely )?(?:apologi[sz]e|regret) (?:if|to anyone who|to those who) "
            r"[^.!?\n]*",
            1.0,
        ),
        (
            r"(?:we|i)(?: regret| are sorry|'re sorry| am sorry|'m sorry) (?:that )?(?:you|some|"
            r"anyone|people)"
            r" (?:feel|felt|were offended|was offended|took)[^.!?\n]*",
            1.0,
        ),
        (
            rf"(?:{_WE} )?(?:sorry|apologi[sz]e|regret|apologies) for any (?:inconvenience|"
            r"confusion|offen[cs]e|upset|misunderstanding)(?: (?:this|that) may have caused)?",
            0.8,
        ),
        (r"mistakes were made", 1.0),
        (
            r"(?:if|to the extent that) (?:any|some) (?:offen[cs]e|harm|hurt) (?:was|has been) "
            r"(?:caused|taken)",
            1.0,
        ),
    ),
    "compensation": (
        (
            r"(?:full |a )?(?:refunds?|reimburse\w*|compensat\w+|vouchers?|credits? (?:to|on) "
            r"your account|free (?:month|months|replacement|of charge)|replacement)",
            1.0,
        ),
    ),
    "excuse": (
        (
            r"(?:beyond our control|outside our control|unforeseen|unforeseeable|unprecedented|"
            r"(?:was|were) not (?:intended|intentional)|never intended|did not intend|"
            r"didn't intend|act of god|force majeure|extreme weather)",
            1.0,
        ),
    ),
    "justification": (
        (r"(?:only|just) (?:a (?:small|tiny|handful)|a few|a small number|a limited number)", 1.0),
        (
            r"(?:no|minimal|limited|negligible) (?:real |actual |lasting )?(?:harm|risk|impact|"
            r"damage)",
            1.0,
        ),
        (
            r"(?:industry standard|standard practice|common practice|within (?:normal|legal) "
            r"limits|fully compliant)",
            1.0,
        ),
    ),
    "correction": (
        (
            r"(?:to clarify|for clarity|let us be clear|let's be clear|the facts are|"
            r"correct(?:ing)? "
            r"the record|contrary to (?:reports|claims|rumours|rumors|what)|misinformation|"
            r"inaccurate (?:reports|claims|information)|rumou?rs? (?:is|are) (?:false|untrue))",
            1.0,
        ),
    ),
    "no_comment": (
        (
            r"(?:no comment|(?:we|i) (?:do not|don't|cannot|can't|will not|won't) comment|"
            r"(?:are|is) not (?:able|in a position) to comment|declined? to comment)",
            1.0,
        ),
    ),
}
