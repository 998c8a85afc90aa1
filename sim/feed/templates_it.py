"""Italian post templates for the war-room feed, by crisis type and stance, plus news headlines
and the pieces of persona bios. `{brand}` is replaced by the scenario's brand name."""

POSTS: dict[str, dict[str, tuple[str, ...]]] = {
    "data_breach": {
        "angry": (
            "Quindi {brand} ha perso i miei dati e l'ho scoperto dal telegiornale. Incredibile.",
            "{brand} aveva UN compito: proteggere i nostri dati. Oggi chiudo l'account.",
            "Un'ora fa qualcuno ha usato la mia carta all'estero. Grazie tante, {brand}.",
        ),
        "worried": (
            "I miei dati sono nella violazione di {brand}? Devo cambiare la password? Qualcuno sa?",
            "Mi è arrivata una mail strana 'da {brand}' che chiede i miei dati. Truffa?",
            "Da quando ho letto di {brand} controllo il conto ogni dieci minuti. Solo io?",
        ),
        "sarcastic": (
            "{brand}: 'la tua privacy è importante per noi'. Così importante da condividerla.",
            "Buone notizie: i miei dati ora hanno un backup su un forum di hacker. Grazie {brand} "
            "🙃",
            "Bello che {brand} offra il monitoraggio gratuito dei dati che ha perso. Generosi.",
        ),
        "defender": (
            "Prima o poi tutte le aziende subiscono un attacco. Vediamo come risponde {brand}.",
            "Leggete i dettagli: le password erano cifrate. Il cattivo non è {brand}, sono gli "
            "hacker.",
            "Sono cliente {brand} da anni, risolveranno. Cambiate la password e respirate.",
        ),
        "softened": (
            "Ok, almeno {brand} ha detto cosa è stato sottratto e cosa fare. Password cambiata.",
            "Va riconosciuto: l'aggiornamento di {brand} era chiaro e ha ammesso l'errore.",
            "{brand} si è scusata e ha spiegato bene. Più di quanto facciano tante aziende.",
        ),
        "angrier": (
            "{brand} dice 'nessuna prova di uso improprio'. La mia banca dice altro. Basta bugie.",
            "Negare mentre i nostri dati sono in vendita online? {brand}, è un insulto.",
            "Danno la colpa a 'un fornitore esterno'. Il fornitore l'avete scelto voi, {brand}.",
        ),
    },
    "pr_blunder": {
        "angry": (
            "Chi ha approvato quel post di {brand}? Davvero offensivo. Smesso di seguirli.",
            "{brand} pensa che sia divertente? Non compro più da loro.",
            "Quella pubblicità di {brand} è fuori luogo dall'inizio alla fine.",
        ),
        "worried": (
            "Ma {brand} ha davvero pubblicato quel post o è uno screenshot falso?",
            "Mio figlio ha visto il post di {brand} e mi ha chiesto cosa volesse dire. Ottimo.",
            "Lavoro con i prodotti {brand} tutti i giorni... settimana imbarazzante.",
        ),
        "sarcastic": (
            "Da qualche parte in {brand} uno stagista dei social sta vivendo una giornata "
            "lunghissima.",
            "Il marketing di {brand}: 'e se offendessimo tutti insieme?' Strategia audace.",
            "Aspetto il post 'vi ascoltiamo' di {brand} tra 3... 2... 1...",
        ),
        "defender": (
            "È stato un post infelice, non un crimine. {brand} fa anche tante cose buone.",
            "Metà di chi si indigna con {brand} non ha nemmeno visto il post originale.",
            "Tutti sbagliano online. Diamo a {brand} il tempo di rispondere.",
        ),
        "softened": (
            "{brand} ha tolto il post e si è scusata davvero, senza 'se'. Giusto così.",
            "Non mi aspettavo vere scuse da {brand}, ma queste sembravano sincere.",
            "Ok {brand}, scuse accettate. La prossima volta pensateci due volte.",
        ),
        "angrier": (
            "'Ci scusiamo se qualcuno si è sentito offeso.' No, {brand}. Scusatevi per quello che "
            "avete fatto.",
            "Ora {brand} dice che abbiamo 'frainteso'. Abbiamo capito benissimo.",
            "Insistere? Davvero, {brand}? Complimenti.",
        ),
    },
    "false_rumour": {
        "angry": (
            "Se è vero quello che dicono di {brand}, dovrebbero chiuderli.",
            "Condivido perché tutti sappiano cosa nasconde {brand}.",
            "Boicottiamo {brand} finché non spiegano.",
        ),
        "worried": (
            "Ma è vera la storia su {brand}? In famiglia usiamo i loro prodotti ogni giorno.",
            "Vedo tanti post su {brand}. Qualcuno ha una fonte vera?",
            "Devo smettere di usare {brand} finché non si chiarisce?",
        ),
        "sarcastic": (
            "Uno screenshot sfocato senza fonte. Caso chiuso su {brand}, a quanto pare.",
            "Giorno 2 della voce su {brand}: mio zio l'ha condivisa quattro volte.",
            "Non vedo l'ora che {brand} 'non confermi né smentisca'.",
        ),
        "defender": (
            "La storia su {brand} non ha nessuna fonte. Verificate prima di condividere.",
            "I fact-checker hanno già verificato la notizia su {brand}. È falsa.",
            "Il primo post su {brand} viene da un account creato ieri. Dai.",
        ),
        "softened": (
            "La spiegazione di {brand} con i risultati delle analisi per me chiude la questione.",
            "Bravi {brand} a rispondere con i fatti e non con gli avvocati.",
            "Ok, {brand} ha mostrato i documenti. Cancello il mio post di prima.",
        ),
        "angrier": (
            "{brand} minaccia querele a chi fa domande? Questo dice tutto.",
            "'Nessun commento' da {brand}. Quindi è vero.",
            "La smentita di {brand} sembra scritta dagli avvocati. Non mi convince.",
        ),
    },
    "negative_review": {
        "angry": (
            "Peggior esperienza di sempre con {brand}. Zero stelle se potessi.",
            "{brand} mi ha rovinato il weekend e il servizio clienti mi ha chiuso il telefono in "
            "faccia.",
            "Leggete le recensioni prima di comprare da {brand}. La mia arriva adesso.",
        ),
        "worried": (
            "Ho appena ordinato da {brand} e ora vedo queste recensioni. Annullo?",
            "{brand} è sempre così o quella recensione è un caso isolato?",
            "Qualcuno si è trovato bene con {brand} di recente? Prima di prenotare.",
        ),
        "sarcastic": (
            "Servizio clienti {brand}: dove i reclami vanno in pensione.",
            "Adoro la risposta copia-incolla di {brand} alla recensione a una stella: 'il tuo "
            "parere conta'.",
            "Cinque stelle alla musica d'attesa di {brand}, la ascolto da 2 ore.",
        ),
        "defender": (
            "Una recensione negativa non rende {brand} un disastro. Io mi sono sempre trovato "
            "bene.",
            "{brand} mi ha sempre trattato bene. Questo linciaggio è esagerato.",
            "Cliente {brand} da 5 anni. I problemi capitano, di solito li risolvono.",
        ),
        "softened": (
            "{brand} ha richiamato chi ha scritto la recensione e ha risolto. Rispetto.",
            "Bello vedere {brand} ammettere l'errore in pubblico invece di litigare nei commenti.",
            "La risposta di {brand} era umana, non un modulo. Mi ha fatto cambiare idea.",
        ),
        "angrier": (
            "{brand} risponde a una recensione negativa dando del bugiardo al cliente. Classe.",
            "Invece di risolvere, {brand} dà la colpa al cliente. Mai più.",
            "{brand}: 'confermiamo la qualità del nostro servizio'. Le recensioni dicono altro.",
        ),
    },
    "customer_backlash": {
        "angry": (
            "{brand} alza i prezzi E taglia il servizio? Disdico oggi.",
            "Questo cambio di regole di {brand} è uno schiaffo ai clienti fedeli.",
            "Chi ne ha abbastanza di {brand} condivida. Facciamogli vedere i numeri.",
        ),
        "worried": (
            "Le nuove regole di {brand} valgono anche per chi è già cliente?",
            "Non capisco cosa cambia nel mio contratto {brand}. Qualcuno ha letto le clausole?",
            "Si può tenere il vecchio piano {brand}? Chiedo per mia madre.",
        ),
        "sarcastic": (
            "{brand}: 'cambiamo per servirvi meglio'. Traduzione: pagate di più, avete di meno.",
            "Aspetto che {brand} ci spieghi quanto dovremmo essere entusiasti.",
            "Grazie {brand}, tanto quei soldi non li usavo.",
        ),
        "defender": (
            "Quest'anno aumentano tutti. {brand} resta più economica di molti.",
            "Leggete tutto l'annuncio di {brand}, non è grave come dicono i titoli.",
            "Capisco la rabbia, ma {brand} aveva avvisato con mesi di anticipo.",
        ),
        "softened": (
            "{brand} ha fatto marcia indietro per i clienti attuali. Bene, era quello che "
            "chiedevamo.",
            "Ok, {brand} ci ha ascoltato. Non me lo aspettavo.",
            "L'AD di {brand} ha spiegato e si è scusato per come è stata gestita. Corretto.",
        ),
        "angrier": (
            "{brand} dice che abbiamo 'letto male'. Sappiamo leggere, grazie.",
            "Nessuna ammissione da {brand}, solo un muro di linguaggio legale. Basta.",
            "Ora {brand} dà la colpa alle 'condizioni di mercato'. Certo.",
        ),
    },
    "product_recall": {
        "angry": (
            "I miei figli hanno usato quel prodotto {brand} tutta la settimana. Come è possibile?",
            "{brand} sapeva del problema da mesi? Vergognoso.",
            "Mai più {brand}. La sicurezza prima di tutto.",
        ),
        "worried": (
            "Il mio {brand} è di uno dei lotti richiamati? Dove trovo il numero?",
            "Ne abbiamo mangiato ieri. Dobbiamo andare dal medico? {brand} rispondete.",
            "Qualcuno sa come restituire il prodotto {brand}? Il negozio non ne sapeva nulla.",
        ),
        "sarcastic": (
            "Controllo qualità {brand}: a sensazione, da sempre.",
            "Adoro l'avviso di richiamo nascosto a pagina 4 del sito {brand}.",
            "Bene, il mio {brand} ora è un pezzo da collezione. Pericoloso.",
        ),
        "defender": (
            "Un richiamo vuol dire che i controlli funzionano. {brand} l'ha scoperto e rimedia.",
            "{brand} ha richiamato il prodotto spontaneamente. È responsabile, non uno scandalo.",
            "Controllate il lotto prima di andare nel panico, quasi tutti i prodotti {brand} sono "
            "a posto.",
        ),
        "softened": (
            "{brand} ha reso facile il controllo del lotto e il rimborso è stato immediato. Ben "
            "gestito.",
            "L'avviso di richiamo di {brand} era chiaro su cosa fare. Apprezzato.",
            "{brand} si è scusata e rimborsa tutti. Così si fa.",
        ),
        "angrier": (
            "{brand} dice che il rischio è 'minimo'. Ditelo ai genitori nei commenti.",
            "{brand} dà la colpa al fornitore? C'è il VOSTRO marchio sopra.",
            "Ancora nessuna risposta chiara da {brand}. Solo linguaggio legale.",
        ),
    },
    "executive_misconduct": {
        "angry": (
            "Come fa l'AD di {brand} a essere ancora al suo posto?",
            "{brand} protegge i suoi dirigenti invece dei dipendenti. Non mi stupisce.",
            "Boicotto {brand} finché non ci sarà una vera assunzione di responsabilità ai vertici.",
        ),
        "worried": (
            "Lavoro in {brand}. Oggi mi sento molto a disagio.",
            "Cosa significa per i dipendenti {brand}? Nessuno ci dice niente.",
            "La notizia su {brand} è confermata? Sarebbe terribile.",
        ),
        "sarcastic": (
            "Pagina dei valori di {brand}: 'integrità'. L'AD: facoltativa, a quanto pare.",
            "Aspetto la lettera di dimissioni 'per motivi personali' da {brand}.",
            "Il CdA di {brand}, appena sveglio, esprime 'piena fiducia'. Ovvio.",
        ),
        "defender": (
            "Aspettiamo l'indagine prima di giudicare tutta {brand}.",
            "I dipendenti di {brand} non hanno fatto niente. Non puniamo loro.",
            "{brand} ha avviato un'indagine indipendente. È il primo passo giusto.",
        ),
        "softened": (
            "{brand} lo ha sospeso e si è scusata con i dipendenti. È un inizio.",
            "Bene che {brand} abbia nominato un investigatore indipendente e una data per i "
            "risultati.",
            "Il comunicato di {brand} era diretto e umano. Va riconosciuto.",
        ),
        "angrier": (
            "{brand} la chiama 'una questione privata'. Non lo è più da quando ci sono vittime.",
            "'Nessun commento' da {brand}? Incredibile.",
            "{brand} attacca i giornalisti invece di rispondere. Dice tutto.",
        ),
    },
    "service_outage": {
        "angry": (
            "{brand} di nuovo giù. E io pago per questo?",
            "Ho mancato una scadenza perché {brand} è fermo da ore. Grazie.",
            "Tre disservizi questo mese, {brand}. Sto cercando alternative.",
        ),
        "worried": (
            "{brand} non funziona per tutti o solo per me?",
            "{brand} non si carica, il mio pagamento andrà a buon fine?",
            "Qualcuno sa quando torna {brand}? Sulla pagina di stato non c'è niente.",
        ),
        "sarcastic": (
            "Pagina di stato {brand}: tutto funzionante. Intanto {brand}: non funziona niente.",
            "Mi godo la disintossicazione digitale offerta da {brand}.",
            "Avete provato a spegnere e riaccendere {brand}? Ah no, è già spento.",
        ),
        "defender": (
            "I disservizi capitano a tutti, anche ai grandi cloud. {brand} di solito è affidabile.",
            "Lasciate lavorare i tecnici di {brand}, ci stanno chiaramente lavorando.",
            "{brand} per me funziona da anni. Una brutta serata.",
        ),
        "softened": (
            "{brand} ha dato un orario preciso e l'ha rispettato. Di nuovo online, tutto bene.",
            "Apprezzo che {brand} abbia spiegato cosa si è rotto e ci abbia dato un credito.",
            "{brand} ci ha aggiornato ogni ora. Così si gestisce un disservizio.",
        ),
        "angrier": (
            "{brand} dice 'nessun problema diffuso'. Il mio ufficio intero è bloccato.",
            "Dare la colpa a 'un fornitore' non serve, {brand}. Il servizio è vostro.",
            "Ore di silenzio da {brand} e ora una non-risposta di una riga.",
        ),
    },
}

GENERIC_POSTS: dict[str, tuple[str, ...]] = {
    "angry": (
        "Ho chiuso con {brand}. Definitivamente.",
        "{brand} dovrebbe vergognarsi. Condivido perché lo vedano in tanti.",
    ),
    "worried": (
        "Qualcuno sa cosa sta succedendo con {brand}? Devo preoccuparmi?",
        "Aspetto che {brand} dica qualcosa. Qualsiasi cosa.",
    ),
    "sarcastic": (
        "Un'altra splendida giornata da cliente {brand} 🙃",
        "{brand} non delude mai. Ah, no...",
    ),
    "defender": (
        "Prima i fatti, poi le critiche a {brand}.",
        "Con {brand} mi sono sempre trovato bene. Diamogli una possibilità.",
    ),
    "softened": (
        "Almeno {brand} ha chiesto scusa e ha spiegato cosa succede adesso.",
        "L'aggiornamento di {brand} è stato onesto. Ancora arrabbiato, ma meno.",
    ),
    "angrier": (
        "La risposta di {brand} ha peggiorato tutto. Complimenti.",
        "Smentite e linguaggio aziendale da {brand}. Prevedibile.",
    ),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "data_breach": (
        "{brand} conferma: esposti i dati dei clienti dopo un attacco informatico",
        "Violazione dei dati {brand}: milioni di account a rischio, avvertono gli esperti",
        "Cosa devono fare i clienti {brand} dopo la violazione",
    ),
    "pr_blunder": (
        "Polemica su {brand} per un post offensivo sui social",
        "La pubblicità di {brand} scatena l'indignazione online",
        "Gli esperti di marketing bocciano l'ultima campagna di {brand}",
    ),
    "false_rumour": (
        "Una voce su {brand} diventa virale: finora nessuna prova",
        "Il caso {brand}: cosa sappiamo e cosa no",
        "Verifica dei fatti: le accuse a {brand}",
    ),
    "negative_review": (
        "La recensione al vetriolo di un cliente {brand} diventa virale",
        "{brand} nella bufera dopo un reclamo visto da milioni di persone",
        "Perché una recensione negativa su {brand} ha colpito nel segno",
    ),
    "customer_backlash": (
        "Clienti {brand} in rivolta per il cambio delle condizioni",
        "In migliaia minacciano di lasciare {brand} dopo l'aumento dei prezzi",
        "{brand} sotto pressione mentre cresce la protesta",
    ),
    "product_recall": (
        "{brand} richiama prodotti per motivi di sicurezza",
        "Richiamo: controllate i vostri prodotti {brand}, avverte il ministero",
        "Da quanto tempo {brand} sapeva del difetto? Crescono le domande",
    ),
    "executive_misconduct": (
        "Accuse di condotta scorretta a un dirigente {brand}",
        "I dipendenti parlano: si allarga lo scandalo ai vertici di {brand}",
        "Il CdA di {brand} sotto pressione sul caso dell'AD",
    ),
    "service_outage": (
        "Disservizio {brand}, clienti bloccati",
        "Servizi {brand} fermi da ore: cause ancora non chiare",
        "Disservizio {brand}: cosa è successo e quando sarà risolto",
    ),
}

GENERIC_HEADLINES = (
    "{brand} nella bufera, crescono le critiche online",
    "Crisi in {brand}: cosa sappiamo finora",
)

MASTHEADS = ("Il Corriere di {city}", "{city} Oggi", "La Gazzetta di {city}", "{city} Notizie")

ROLES = (
    "infermiera",
    "insegnante",
    "sviluppatore",
    "studentessa",
    "mamma di due",
    "papà",
    "piccolo imprenditore",
    "commercialista",
    "ingegnere in pensione",
    "barista",
    "grafica",
    "corriere",
    "dottoranda",
    "commerciale",
)
INFLUENCER_ROLES = (
    "giornalista tech",
    "podcaster",
    "attivista dei consumatori",
    "youtuber",
    "editorialista",
    "conduttrice tv",
    "autore di newsletter",
)
INTERESTS = (
    "caffè",
    "montagna",
    "calcio",
    "cucina",
    "giardinaggio",
    "videogiochi",
    "corsa",
    "fotografia",
    "jazz",
    "gatti",
    "cani",
    "libri",
    "viaggi",
    "vino",
)
BIO_FORMATS = (
    "{role} a {city}. {interest} e {interest2}.",
    "{role}. Amo {interest}. Opinioni mie.",
    "{city} | {role} | {interest}",
    "{role}, appassionato di {interest}, polemico il giusto.",
)
