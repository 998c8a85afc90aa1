"""Italian phrases the rubric counts, with their weights (a component's score is the sum of the
weights of the distinct phrases found, capped at 1).

Patterns are case-insensitive regexes; the compiler adds word boundaries and makes accented
letters tolerant of "e", "e'" and "è" alike (sim/rubric/lexicon.py), so avoid accented letters
inside character classes.
"""

_NUMBER = r"\d+(?:[.,:]\d+)*"
_SCALE = r"(?:\s*(?:%|per ?cento|milioni|milione|miliardi|mila|ore|minuti|giorni|settimane))?"
_COUNTED = (
    r"(?:\s+(?:di\s+)?(?:clienti|utenti|account|persone|passeggeri|ordini|carte|dati|password|"
    r"prodotti|confezioni|bottiglie|vasetti|lotti|negozi|punti vendita|voli|prenotazioni))?"
)
_NUMBER_WORD = (
    r"(?:una|un|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|dodici|quindici|venti|trenta|"
    r"cento|mille|centinaia di|migliaia di|milioni di)"
)
_MONTH = (
    r"(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|"
    r"dicembre)"
)
_WEEKDAY = r"(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)"
_TIME_REF = (
    rf"(?:le (?:ore )?{_NUMBER}|l'una|il {_NUMBER}|{_NUMBER}\s*(?:ore|minuti|giorni)|domani|"
    rf"stasera|oggi|stanotte|mezzogiorno|mezzanotte|fine giornata|{_WEEKDAY}|un'ora|"
    rf"{_NUMBER_WORD} (?:ore|giorni|minuti))"
)

PHRASES: dict[str, tuple[tuple[str, float], ...]] = {
    "acknowledgement": (
        (r"(?:siamo|sono) a conoscenza", 0.7),
        (r"(?:sappiamo|so) (?:che|cosa|di)", 0.6),
        (r"(?:confermiamo|confermo|possiamo confermare)", 0.7),
        (r"(?:abbiamo|ho) (?:individuato|rilevato|riscontrato|scoperto|ricevuto|visto)", 0.6),
        (r"(?:sono|è) stat[oiae] (?:coinvolt|espost|sottratt|compromess|violat|rubat)\w*", 0.5),
        (
            r"(?:c'è stato|c'è|abbiamo avuto|si è verificato|si sono verificati) (?:un|una|un') ?"
            r"(?:incidente|guasto|disservizio|problema|errore|malfunzionamento|violazione|"
            r"interruzione|richiamo)",
            0.7,
        ),
        (
            r"(?:non funziona|non funzionano|(?:è|sono) (?:temporaneamente |attualmente )?"
            r"(?:non disponibil[ei]|fuori servizio|bloccat[oaie]|irraggiungibil[ei]|down))",
            0.5,
        ),
        (
            r"(?:un |l')?(?:accesso non autorizzato|attacco informatico|incidente di sicurezza|"
            r"violazione dei dati|disservizio|richiamo)",
            0.4,
        ),
        (r"(?:questo|ciò) non (?:sarebbe dovuto|doveva) (?:succedere|accadere)", 0.7),
        (r"(?:quello|quanto|ciò) che è (?:successo|accaduto)", 0.4),
        (r"avete ragione|hai ragione", 0.6),
    ),
    "apology": (
        (
            r"(?:ci scusiamo|mi scuso|chiediamo scusa|chiedo scusa|vi chiediamo scusa|"
            r"le nostre (?:più sincere )?scuse|porgiamo le nostre scuse)",
            0.6,
        ),
        (r"scusate(?:ci)?", 0.4),
        (r"(?:ci|mi) dispiace(?: molto| davvero| tanto| profondamente)?", 0.6),
        (
            r"(?:siamo|sono) (?:davvero |profondamente |sinceramente |molto )?(?:dispiaciut[oaie]|"
            r"mortificat[oaie])",
            0.6,
        ),
        (
            r"è stat[oa] (?:un|una) (?:(?:nostro|nostra|mio|mia|grave) )?(?:errore|sbaglio|"
            r"mancanza)"
            r"(?: nostro| nostra| mio| mia)?",
            0.5,
        ),
        (r"(?:è|è stata) (?:tutta )?(?:colpa|responsabilità) (?:nostra|mia)", 0.5),
        (r"(?:un|il) (?:nostro|mio) (?:errore|sbaglio)", 0.4),
        (r"(?:ci assumiamo|mi assumo) (?:la |tutta la |piena |ogni )?responsabilità", 0.5),
        (r"(?:abbiamo|ho) (?:sbagliato|commesso un errore|fallito)", 0.5),
        (r"(?:non avremmo dovuto|avremmo dovuto|vi abbiamo delus[oi]|ti abbiamo deluso)", 0.5),
        (r"(?:è|è stato) (?:inaccettabile|inescusabile|sbagliato)", 0.4),
    ),
    "specific_facts": (
        (rf"{_NUMBER}{_SCALE}{_COUNTED}", 0.35),
        (
            rf"{_NUMBER_WORD}\s+(?:clienti|utenti|account|persone|ordini|ore|minuti|giorni|"
            r"settimane|negozi)",
            0.35,
        ),
        (rf"(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{4}})?", 0.35),
        (rf"(?:da |entro |fino a )?{_WEEKDAY}(?: (?:mattina|pomeriggio|sera|notte))?", 0.3),
        (
            r"(?:da ieri|da stamattina|da questa mattina|da stanotte|da ieri sera|dalle prime ore)",
            0.3,
        ),
        (
            r"(?:il |la |lo |l'|i |gli |le |ai |al |alla |alle |nostro |nostra |nostri |nostre )"
            r"(?:nostro |nostra |nostri |nostre )?(?:sistema|sistemi|server|database|app|"
            r"applicazione|sito|piattaforma|rete|lotto|lotti|stabilimento|magazzino|firmware)"
            r"(?: (?:di|del|della|dei|delle) [\w-]+)?",
            0.35,
        ),
        (
            r"(?:lotto|modello|versione|ordine|pratica|ticket) (?:n\.? ?|numero )?[a-z]*\d[\w-]*",
            0.35,
        ),
    ),
    "empathy": (
        (
            r"(?:capiamo|comprendiamo|sappiamo|immaginiamo|capisco|comprendo|immagino) (?:bene )?"
            r"(?:quanto|come|perché|la (?:vostra |tua )?(?:frustrazione|preoccupazione|rabbia|"
            r"delusione)|il (?:vostro |tuo )?(?:disagio|fastidio))",
            0.7,
        ),
        (
            r"(?:frustrante|preoccupante|spiacevole|doloroso|dolorosa|inquietante|allarmante|"
            r"stressante|deludente)",
            0.4,
        ),
        (r"(?:la vostra|la tua) (?:frustrazione|rabbia|preoccupazione|delusione|paura)", 0.4),
        (r"(?:siamo|sono) vicin[oi] a", 0.6),
        (r"il nostro pensiero va", 0.6),
        (r"(?:vi siete fidati|ti sei fidato|avete riposto fiducia|contate su di noi)", 0.6),
        (r"(?:meritate|meritavate|meriti|meritavi) di meglio", 0.6),
        (r"vi ascoltiamo|ti ascoltiamo", 0.5),
    ),
    "instructions": (
        (
            r"(?:cambia|cambiate|modifica|modificate|reimposta|reimpostate|aggiorna|aggiornate) "
            r"(?:subito |al più presto |la vostra |la tua )?(?:la |le |l')?(?:password|pin|app)",
            0.6,
        ),
        (
            r"(?:attiva|attivate) (?:l')?(?:autenticazione a due fattori|verifica in due passaggi|"
            r"2fa)",
            0.6,
        ),
        (
            r"(?:contattaci|contattateci|scrivici|scriveteci|chiamaci|chiamateci|contatta|"
            r"contattate|"
            r"scrivete a|chiamate il|chiamate lo)",
            0.5,
        ),
        (
            r"non (?:usate|utilizzate|usare|utilizzare|consumate|consumare|mangiate|bevete|"
            r"cliccate|"
            r"cliccare|aprite|aprire|rispondete|condividete|comunicate|ricaricate)",
            0.6,
        ),
        (
            r"(?:restituite|restituisci|riportate|riporta|controllate|controlla|verificate|"
            r"verifica|"
            r"riavviate|riavvia|reinstallate|scollegate|buttate|smaltite) (?:il|la|lo|l'|i|le|gli|"
            r"questo|questa|se|subito|sempre)",
            0.5,
        ),
        (
            r"(?:visitate|visita|consultate|consulta|seguite|segui|andate su|vai su) (?:il|la|lo|"
            r"l'|"
            r"i|le|gli|la nostra|il nostro|[\w-]+\.[a-z]{2,})",
            0.4,
        ),
        (
            r"(?:[\w.-]+@[\w-]+\.[a-z]{2,}|(?:https?://|www\.)\S+|\+?\d[\d ()-]{7,}\d|"
            r"numero verde)",
            0.5,
        ),
        (
            r"(?:potete|dovete|puoi|devi|se siete|se avete|se hai|se sei|se la vostra|se il vostro|"
            r"non (?:vi|ti) (?:sarà|verrà) addebitat\w+)",
            0.4,
        ),
        (r"per (?:ottenere|richiedere|chiedere) (?:il )?rimborso", 0.4),
    ),
    "next_steps": (
        (r"(?:vi|ti) (?:aggiorneremo|aggiornerò|terremo aggiornat[io]|terrò aggiornat[io])", 0.5),
        (
            r"(?:vi|ti) (?:aggiorneremo|aggiornerò|terremo aggiornat[io]|terrò aggiornat[io]) "
            rf"(?:(?:entro|alle|tra|fra) )?{_TIME_REF}",
            0.8,
        ),
        (r"aggiorneremo|forniremo (?:un |nuovi )?aggiornament\w*", 0.5),
        (
            rf"(?:prossimo|nuovo|ulteriore) aggiornamento (?:(?:entro|alle|tra|fra|nelle) )?"
            rf"(?:{_TIME_REF}|le prossime ore)?",
            0.7,
        ),
        (
            r"(?:pubblicheremo|contatteremo|informeremo|rimborseremo|sostituiremo|indagheremo|"
            r"ripristineremo|comunicheremo|invieremo|risolveremo|verificheremo|scriveremo|"
            r"chiameremo|risarciremo|faremo sapere)",
            0.5,
        ),
        (rf"(?:entro|non oltre|tra|fra) {_TIME_REF}", 0.4),
        (
            r"(?:stiamo|sto|il nostro team sta|i nostri tecnici stanno) (?:lavorando|indagando|"
            r"verificando|ripristinando|analizzando|risolvendo|intervenendo)",
            0.4,
        ),
        (
            r"(?:siamo|(?:i |i nostri )?tecnici sono|(?:il |il nostro )?team è) (?:già )?"
            r"(?:al lavoro|all'opera)",
            0.4,
        ),
        (r"(?:nelle prossime (?:ore|settimane)|nei prossimi (?:giorni|minuti))", 0.3),
        (
            r"(?:un'|una )?(?:indagine|verifica|revisione|ispezione) (?:indipendente )?"
            r"(?:è|è stata|sarà)",
            0.4,
        ),
    ),
    "first_person": (
        (
            r"(?:io|noi|mi|ci|me|nostro|nostra|nostri|nostre|mio|mia|miei|mie|\w{2,}iamo|"
            r"\w{3,}eremo|\w{3,}iremo)",
            1.0,
        ),
    ),
    "second_person": ((r"(?:voi|vi|tu|ti|te|vostro|vostra|vostri|vostre|tuo|tua|tuoi|tue)", 1.0),),
    "denial": (
        (r"non abbiamo fatto (?:nulla|niente) di (?:male|sbagliato)", 1.0),
        (r"non abbiamo (?:nulla|niente) da rimproverarci", 1.0),
        (
            r"(?:smentiamo|neghiamo|respingiamo) (?:categoricamente |fermamente |con forza )?"
            r"(?:ogni|qualsiasi|le|la|il|queste|questa|tali)",
            0.9,
        ),
        (r"non è (?:stata )?(?:colpa|responsabilità) (?:nostra|mia)", 1.0),
        (
            r"non c'è (?:alcun|nessun|alcuna|nessuna) (?:problema|prova|evidenza|violazione|"
            r"errore)",
            0.7,
        ),
        (r"non è (?:mai )?(?:successo|accaduto)", 0.8),
        (
            r"(?:è|sono) (?:del tutto |completamente |assolutamente )?(?:falso|falsa|falsi|false|"
            r"infondat[oaie]|priv[oaie] di fondamento)",
            0.7,
        ),
        (r"(?:fake news|notizie false|bufala)", 0.8),
        (r"confermiamo la (?:correttezza|piena correttezza) del nostro operato", 0.8),
    ),
    "blame": (
        (
            r"(?:causat[oaie]|dovut[oaie]|a causa|per colpa|colpa|responsabilità|errore|guasto|"
            r"problema|mancanza) (?:di|del|della|"
            r"dei|delle|dello|da|dal|dalla) (?:un |una |uno |un')?(?:nostro |nostra )?(?:fornitore|"
            r"fornitori|partner|terze parti|terza parte|terzi|appaltatore|subappaltatore|"
            r"ex dipendente|dipendente|stagista|hacker|criminali|provider)",
            0.8,
        ),
        (r"errore (?:umano|dell'utente|degli utenti|del cliente|dei clienti)", 0.8),
        (r"(?:i clienti|gli utenti) non hanno (?:seguito|letto|rispettato)", 0.8),
        (
            r"(?:frainteso|fraintes[oaie]|male interpretat\w+|mal interpretat\w+|estrapolat\w+ dal "
            r"contesto|fuori contesto|polemica strumentale)",
            0.7,
        ),
    ),
    "attack": (
        (r"(?:azioni legali|querel\w+|adiremo le vie legali|vie legali)", 0.9),
        (r"(?:diffamator\w+|malevol\w+|in malafede|strumentali)", 0.7),
        (r"(?:troll|haters|sedicent[ie])", 0.8),
        (r"chi (?:diffonde|sta diffondendo) (?:falsità|menzogne|notizie false|bugie)", 0.8),
    ),
    "legalese": (
        (r"ai sensi (?:del|della|dell'|dei|delle|di)", 0.4),
        (
            r"(?:la scrivente|codest[oa]|suddett[oaie]|predett[oaie]|summenzionat\w+|"
            r"sopracitat\w+)",
            0.4,
        ),
        (r"(?:fatto salvo|fatti salvi|senza pregiudizio)", 0.6),
        (r"senza (?:alcun )?(?:riconoscimento|ammissione) di (?:responsabilità|colpa)", 0.7),
        (
            r"(?:nel rispetto|in conformità|in ottemperanza) (?:della|delle|alla|alle|a quanto "
            r"previsto dalla) (?:normativa|legge|norme|disposizioni)",
            0.4,
        ),
        (r"(?:presunt[oaie]|asserit[oaie]|pretes[oaie])", 0.3),
        (r"la società (?:ha|è|si|comunica|precisa|rende noto|rimane)", 0.3),
        (r"si (?:comunica|precisa|rende noto|informa) che", 0.4),
        (
            r"(?:con la massima (?:serietà|attenzione)|(?:è|resta|rimane) la nostra priorità "
            r"(?:assoluta|principale)|prendiamo (?:molto )?sul serio)",
            0.3,
        ),
        (
            r"(?:in data odierna|per quanto di competenza|a titolo (?:cautelativo|precauzionale))",
            0.3,
        ),
    ),
    "non_apology": (
        (
            r"(?:mi|ci) (?:dispiace|scusiamo|scuso) se (?:qualcuno|qualcuna|qualcun|vi siete|"
            r"ti sei|si è|siete|avete|alcuni|alcune|qualche|la cosa)[^.!?\n]*",
            1.0,
        ),
        (r"(?:chiediamo|chiedo) scusa (?:a chi|se|a quanti|a coloro)[^.!?\n]*", 1.0),
        (
            r"(?:ci|mi) dispiace che (?:vi siate|tu ti sia|qualcuno si sia|alcuni si siano|"
            r"l'abbiate|l'abbia) (?:sentit|pres|vissut)[^.!?\n]*",
            1.0,
        ),
        (
            r"(?:ci scusiamo|mi scuso|scusate|scusateci) (?:per )?(?:l'eventuale|gli eventuali|"
            r"ogni|qualsiasi|qualunque|eventuali) (?:disagio|disagi|inconveniente|inconvenienti|"
            r"fraintendimento|fraintendimenti|malinteso|malintesi)[^.!?\n]*",
            0.8,
        ),
        (r"sono stati commessi (?:degli )?errori", 1.0),
        (r"se (?:qualcuno|qualcuna) si è sentit[oa] offes[oa]", 1.0),
    ),
    "compensation": (
        (
            r"(?:rimbors\w*|indennizz\w*|risarci\w*|buon[oi] sconto|voucher|credito sul (?:tuo|"
            r"vostro) (?:conto|account)|un mese gratis|sostituzione gratuita|gratuitamente)",
            1.0,
        ),
    ),
    "excuse": (
        (
            r"(?:al di fuori del nostro controllo|non dipende da noi|non è dipeso da noi|"
            r"imprevist[oaie]|imprevedibil\w+|senza precedenti|non (?:era|è stato) intenzionale|"
            r"non volevamo|forza maggiore|maltempo)",
            1.0,
        ),
    ),
    "justification": (
        (
            r"(?:solo|soltanto) (?:una piccola parte|pochi|poche|un numero limitato|"
            r"una minima parte|"
            r"alcuni|alcune)",
            1.0,
        ),
        (
            r"(?:nessun|nessuna|minimo|minima|limitato|limitata|trascurabile) (?:danno|rischio|"
            r"impatto|conseguenza)",
            1.0,
        ),
        (
            r"(?:prassi (?:del settore|comune)|standard del settore|nei limiti (?:di legge|"
            r"normali)|"
            r"pienamente conform\w+)",
            1.0,
        ),
    ),
    "correction": (
        (
            r"(?:per chiarezza|per fare chiarezza|facciamo chiarezza|precisiamo|ecco i fatti|"
            r"i fatti sono|contrariamente a quanto|disinformazione|informazioni (?:inesatte|false|"
            r"errate)|la notizia è (?:falsa|infondata))",
            1.0,
        ),
    ),
    "no_comment": (
        (
            r"(?:nessun commento|non commentiamo|non rilasciamo commenti|non possiamo commentare|"
            r"preferiamo non commentare|non siamo in grado di commentare)",
            1.0,
        ),
    ),
}
