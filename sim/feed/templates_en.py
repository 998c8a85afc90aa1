"""English post templates for the war-room feed, by crisis type and stance, plus news headlines
and the pieces of persona bios. `{brand}` is replaced by the scenario's brand name."""

POSTS: dict[str, dict[str, tuple[str, ...]]] = {
    "data_breach": {
        "angry": (
            "So {brand} leaked my data and I had to find out from the news. Unbelievable.",
            "{brand} had ONE job: keep our data safe. Deleting my account today.",
            "My card got used in another country an hour ago. Thanks a lot, {brand}.",
        ),
        "worried": (
            "Was my data in the {brand} breach? Do I need to change my password? Anyone know?",
            "Just got a weird email 'from {brand}' asking me to confirm my details. Scam? Breach?",
            "Checking my bank account every ten minutes since the {brand} news. Anyone else?",
        ),
        "sarcastic": (
            "{brand}: 'we take your privacy seriously'. Apparently seriously enough to share it.",
            "Good news, my data is now backed up on a hacker forum. Thanks {brand} 🙃",
            "Love how {brand} offers free credit monitoring for the data they lost. Generous.",
        ),
        "defender": (
            "Every company gets hacked eventually. Let's see how {brand} handles it before the "
            "pitchforks.",
            "Read the actual details: passwords were hashed. {brand} is not the villain here, the "
            "hackers are.",
            "I've been with {brand} for years, they'll sort this out. Change your password and "
            "breathe.",
        ),
        "softened": (
            "OK, {brand} at least told us what was taken and what to do. Password changed.",
            "Credit where due: {brand}'s update was clear and owned the mistake. Still annoyed, "
            "less worried.",
            "{brand} apologised and explained it properly. That's more than most companies do.",
        ),
        "angrier": (
            "{brand} says 'no evidence of misuse'. My bank says otherwise. Stop lying.",
            "Denying it while our data is on sale online? {brand}, this is insulting.",
            "Their statement blames 'a third party'. YOU chose the third party, {brand}.",
        ),
    },
    "pr_blunder": {
        "angry": (
            "Who approved that {brand} post? Genuinely offensive. Unfollowed.",
            "{brand} thinks this is funny? Not buying from them again.",
            "That {brand} ad is tone-deaf from start to finish. Do better.",
        ),
        "worried": (
            "Did {brand} really post that or is it a fake screenshot? Can't tell anymore.",
            "My kid saw the {brand} post and asked what it meant. Great.",
            "I work with {brand} products every day... awkward week ahead.",
        ),
        "sarcastic": (
            "Somewhere at {brand} a social media intern is having a very long day.",
            "{brand}'s marketing team: 'what if we offended everyone at once?' Bold strategy.",
            "Can't wait for {brand}'s 'we hear you' post in 3... 2... 1...",
        ),
        "defender": (
            "It was a clumsy post, not a crime. {brand} does a lot of good, let's keep "
            "perspective.",
            "Half the people outraged at {brand} didn't even see the original post.",
            "Everyone makes mistakes online. Give {brand} a chance to respond.",
        ),
        "softened": (
            "{brand} took the post down and actually apologised, no 'if'. Fair enough.",
            "Didn't expect a real apology from {brand}, but that one sounded human.",
            "OK {brand}, apology accepted. Just think twice next time.",
        ),
        "angrier": (
            "'Sorry if anyone was offended.' No, {brand}. Sorry for what you did.",
            "{brand} now saying we 'misunderstood' the post. We understood it perfectly.",
            "Doubling down? Really, {brand}? Wow.",
        ),
    },
    "false_rumour": {
        "angry": (
            "If what they're saying about {brand} is true, they should be shut down.",
            "Sharing so everyone knows what {brand} has been hiding.",
            "Boycott {brand} until they explain themselves.",
        ),
        "worried": (
            "Is the thing about {brand} true? My family uses their stuff every day.",
            "Seeing a lot of posts about {brand}. Anyone have an actual source?",
            "Should I stop using {brand} until this is cleared up?",
        ),
        "sarcastic": (
            "Ah yes, a blurry screenshot with no source. Case closed on {brand}, apparently.",
            "{brand} rumour day 2: my uncle has now shared it four times.",
            "Can't wait for {brand} to 'neither confirm nor deny'.",
        ),
        "defender": (
            "This {brand} story has zero sources. Check before you share.",
            "Fact-checkers already looked into the {brand} claim. It's false.",
            "The original post about {brand} was from an account created yesterday. Come on.",
        ),
        "softened": (
            "{brand}'s explanation with the lab results settles it for me.",
            "Fair play to {brand} for answering with facts instead of lawyers.",
            "OK, {brand} showed the documents. Deleting my earlier post.",
        ),
        "angrier": (
            "{brand} threatening to sue people for asking questions? That tells you everything.",
            "'No comment' from {brand}. So it's true, then.",
            "{brand}'s denial reads like it was written by lawyers. Not convinced.",
        ),
    },
    "negative_review": {
        "angry": (
            "Worst experience ever with {brand}. Zero stars if I could.",
            "{brand} ruined my weekend and customer service hung up on me.",
            "Read the reviews before you buy from {brand}. Mine is going up now.",
        ),
        "worried": (
            "Just ordered from {brand}, now seeing all these reviews. Should I cancel?",
            "Is {brand} always like this or was that review a one-off?",
            "Anyone had a good experience with {brand} lately? Asking before I book.",
        ),
        "sarcastic": (
            "{brand} customer service: where complaints go to retire.",
            "Love that {brand}'s reply to a 1-star review is a copy-paste 'we value your "
            "feedback'.",
            "Five stars for the {brand} hold music, I've heard it for 2 hours.",
        ),
        "defender": (
            "One bad review doesn't make {brand} bad. My experience has been great.",
            "{brand} has always treated me well. This pile-on is a bit much.",
            "Been a {brand} customer for 5 years. Problems happen, they usually fix them.",
        ),
        "softened": (
            "{brand} actually called the reviewer back and fixed it. Respect.",
            "Nice to see {brand} own it publicly instead of arguing in the comments.",
            "{brand}'s reply was human, not a template. Changed my mind a bit.",
        ),
        "angrier": (
            "{brand} replying to a bad review by calling the customer a liar. Classy.",
            "Instead of fixing it, {brand} is blaming the customer. Never again.",
            "{brand}: 'we stand by our service'. The reviews disagree.",
        ),
    },
    "customer_backlash": {
        "angry": (
            "{brand} raising prices AND cutting service? Cancelling today.",
            "This {brand} policy change is a slap in the face to loyal customers.",
            "Everyone who's had enough of {brand}, retweet. Let them see the numbers.",
        ),
        "worried": (
            "Does the new {brand} policy apply to existing customers too?",
            "Not sure what the {brand} change means for my contract. Anyone read the small print?",
            "Is there a way to keep the old {brand} plan? Asking for my mum.",
        ),
        "sarcastic": (
            "{brand}: 'we're making changes to serve you better'. Translation: pay more, get less.",
            "Can't wait for {brand} to tell us how excited we should be about this.",
            "Thanks {brand}, I wasn't using that money anyway.",
        ),
        "defender": (
            "Everyone's raising prices this year. {brand} is still cheaper than most.",
            "Read the full {brand} announcement, it's not as bad as the headlines.",
            "I get the anger, but {brand} did give months of notice.",
        ),
        "softened": (
            "{brand} rolled it back for existing customers. Good, that's what we asked for.",
            "OK, {brand} listened. Didn't expect that.",
            "{brand}'s CEO explained the change and apologised for how it was handled. Fair.",
        ),
        "angrier": (
            "{brand} says we 'misread' the policy. We can read, thanks.",
            "Zero acknowledgement from {brand}, just a wall of legal text. Done with them.",
            "Now {brand} is blaming 'market conditions'. Sure.",
        ),
    },
    "product_recall": {
        "angry": (
            "My kids used that {brand} product all week. How was this not caught?",
            "{brand} knew about this problem for months? Disgusting.",
            "Never buying {brand} again. Safety should come first.",
        ),
        "worried": (
            "Is my {brand} one of the affected batches? Where do I find the number?",
            "We ate some of it yesterday. Should we see a doctor? {brand} please answer.",
            "Anyone know how to return the {brand} product? The store had no idea.",
        ),
        "sarcastic": (
            "{brand} quality control: vibes-based since forever.",
            "Love a recall notice buried on page 4 of the {brand} website.",
            "Great, my {brand} thing is now a collector's item. A dangerous one.",
        ),
        "defender": (
            "Recalls mean the system works. {brand} caught it and is fixing it.",
            "{brand} recalled it voluntarily. That's responsible, not scandalous.",
            "Check the batch number before panicking, most {brand} products are fine.",
        ),
        "softened": (
            "{brand} made the batch check easy and the refund was instant. Good handling.",
            "The {brand} recall notice was clear about what to do. Appreciated.",
            "{brand} apologised and is refunding everyone. That's how you do it.",
        ),
        "angrier": (
            "{brand} says the risk is 'minimal'. Tell that to the parents in the comments.",
            "{brand} blaming their supplier? It has YOUR logo on it.",
            "Still no straight answer from {brand}. Just legal language.",
        ),
    },
    "executive_misconduct": {
        "angry": (
            "How is the {brand} CEO still in the job after this?",
            "{brand} protecting its executives instead of its staff. Not surprised.",
            "Boycotting {brand} until there's real accountability at the top.",
        ),
        "worried": (
            "I work at {brand}. Feeling very uncomfortable today.",
            "What does this mean for {brand} employees? Nobody is telling us anything.",
            "Is the {brand} story confirmed? It's awful if true.",
        ),
        "sarcastic": (
            "{brand} values page: 'integrity'. The CEO: apparently optional.",
            "Can't wait for the {brand} 'personal reasons' resignation letter.",
            "{brand}'s board, fresh from its nap, has 'full confidence'. Of course.",
        ),
        "defender": (
            "Let's wait for the investigation before judging everyone at {brand}.",
            "The staff at {brand} did nothing wrong. Don't punish them.",
            "{brand} opened an independent review. That's the right first step.",
        ),
        "softened": (
            "{brand} suspended him and apologised to the staff. That's a start.",
            "Good that {brand} named an independent investigator and a date for the results.",
            "The {brand} statement was direct and humane. Credit where due.",
        ),
        "angrier": (
            "{brand} calling it 'a private matter'. It stopped being private when staff got hurt.",
            "'No comment' from {brand}? Unbelievable.",
            "{brand} attacking the journalists instead of answering. Says it all.",
        ),
    },
    "service_outage": {
        "angry": (
            "{brand} down AGAIN. I'm paying for this?",
            "Missed a deadline because {brand} has been down for hours. Thanks.",
            "Three outages this month, {brand}. Looking at alternatives.",
        ),
        "worried": (
            "Is {brand} down for everyone or just me?",
            "{brand} not loading, will my payment still go through?",
            "Anyone know when {brand} is back? Nothing on their status page.",
        ),
        "sarcastic": (
            "{brand} status page: all systems operational. Also {brand}: nothing works.",
            "Enjoying my unplanned digital detox, courtesy of {brand}.",
            "Have you tried turning {brand} off and on again? Oh wait, it's already off.",
        ),
        "defender": (
            "Outages happen to everyone, even the big clouds. {brand} is usually rock solid.",
            "Give the {brand} engineers a break, they're clearly on it.",
            "{brand} has been reliable for me for years. One bad night.",
        ),
        "softened": (
            "{brand} posted a clear ETA and kept to it. Back online, all good.",
            "Appreciate {brand} explaining what broke and crediting our accounts.",
            "{brand} kept us updated every hour. That's how you handle an outage.",
        ),
        "angrier": (
            "{brand} says 'no widespread issues'. My whole office is down.",
            "Blaming 'a provider' doesn't help, {brand}. Your service, your problem.",
            "Hours of silence from {brand} and now a one-line non-answer.",
        ),
    },
}

GENERIC_POSTS: dict[str, tuple[str, ...]] = {
    "angry": (
        "Done with {brand}. Absolutely done.",
        "{brand} should be ashamed. Sharing so more people see this.",
    ),
    "worried": (
        "Does anyone know what's going on with {brand}? Should I be worried?",
        "Waiting for {brand} to say something. Anything.",
    ),
    "sarcastic": (
        "Another great day to be a {brand} customer 🙃",
        "{brand} never disappoints. Wait...",
    ),
    "defender": (
        "Let's get the facts before piling on {brand}.",
        "I've had nothing but good experiences with {brand}. Give them a chance.",
    ),
    "softened": (
        "At least {brand} said sorry and explained what happens next.",
        "{brand}'s update was honest. Still annoyed, but less so.",
    ),
    "angrier": (
        "{brand}'s response made it worse. Wow.",
        "Denial and corporate speak from {brand}. Predictable.",
    ),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "data_breach": (
        "{brand} confirms customer data exposed in cyberattack",
        "Millions of {brand} accounts may be affected by data breach, experts warn",
        "What {brand} customers should do after the breach",
    ),
    "pr_blunder": (
        "{brand} faces backlash over offensive social media post",
        "{brand} ad sparks outrage online",
        "Marketing experts slam {brand}'s latest campaign",
    ),
    "false_rumour": (
        "Viral claim about {brand} spreads online; no evidence found so far",
        "{brand} rumour: what we know and what we don't",
        "Fact check: the claims about {brand}",
    ),
    "negative_review": (
        "Customer's scathing review of {brand} goes viral",
        "{brand} under fire after complaint racks up millions of views",
        "Why one bad {brand} review struck a nerve",
    ),
    "customer_backlash": (
        "{brand} customers revolt over policy change",
        "Thousands threaten to quit {brand} after price rise",
        "{brand} under pressure as backlash grows",
    ),
    "product_recall": (
        "{brand} recalls products over safety concerns",
        "Recall: check your {brand} products, regulator says",
        "Questions mount over how long {brand} knew about the defect",
    ),
    "executive_misconduct": (
        "{brand} executive faces misconduct allegations",
        "Staff speak out as {brand} leadership scandal widens",
        "{brand} board under pressure to act on CEO claims",
    ),
    "service_outage": (
        "{brand} outage leaves customers stranded",
        "{brand} services down for hours; cause unclear",
        "{brand} outage: what happened and when it will be fixed",
    ),
}

GENERIC_HEADLINES = (
    "{brand} under fire as online criticism grows",
    "Crisis at {brand}: what we know so far",
)

MASTHEADS = ("The {city} Herald", "{city} Today", "{city} Daily News", "The {city} Post")

ROLES = (
    "nurse",
    "teacher",
    "software developer",
    "student",
    "mum of two",
    "dad",
    "small business owner",
    "accountant",
    "retired engineer",
    "barista",
    "graphic designer",
    "delivery driver",
    "PhD candidate",
    "sales manager",
)
INFLUENCER_ROLES = (
    "tech journalist",
    "podcaster",
    "consumer rights advocate",
    "YouTuber",
    "columnist",
    "TV presenter",
    "newsletter writer",
)
INTERESTS = (
    "coffee",
    "hiking",
    "football",
    "true crime",
    "cooking",
    "gardening",
    "gaming",
    "running",
    "photography",
    "jazz",
    "cats",
    "dogs",
    "books",
    "travel",
)
BIO_FORMATS = (
    "{role} in {city}. {interest} and {interest2}.",
    "{role}. Loves {interest}. Opinions my own.",
    "{city} | {role} | {interest}",
    "{role}, {interest} enthusiast, occasional ranter.",
)
