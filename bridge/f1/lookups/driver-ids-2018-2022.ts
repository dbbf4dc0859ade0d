// Driver ids of packetFormat 2018-2022 (Participants m_driverId) from each spec's appendix; the specs' misspellings
// (Izum, Wilheim, Hulkenburg, Guanya, Guiliano, Gulherme) are corrected to the names the games show.
// 2018: F1 2018 tables (+37-44, 69-71 from a 2018 parser); 2019/2020: F1 2019/2020 specs; 2021: F1 2021 spec;
// 2022: F1 22 spec (112-138; 127-138 are renumbered in F1 23).

/** Career-mode drivers, in every format from 2018 (F1 25 renames 34 to Lars Kaufmann). */
export const CAREER_DRIVERS = {
  20: "Arron Barnes",
  21: "Martin Giles",
  22: "Alex Murray",
  23: "Lucas Roth",
  24: "Igor Correia",
  25: "Sophie Levasseur",
  26: "Jonas Schiffer",
  27: "Alain Forest",
  28: "Jay Letourneau",
  29: "Esto Saari",
  30: "Yasar Atiyeh",
  31: "Callisto Calabresi",
  32: "Naota Izumi",
  33: "Howard Clarke",
  34: "Wilhelm Kaufmann",
  35: "Marie Laursen",
  36: "Flavio Nieves",
} as const;

const IDS_37_44 = {
  37: "Peter Belousov",
  38: "Klimek Michalski",
  39: "Santiago Moreno",
  40: "Benjamin Coppens",
  41: "Noah Visser",
  42: "Gert Waldmuller",
  43: "Julian Quesada",
  44: "Daniel Jones",
} as const;

/** F2 2018 drivers and the 2019 F1 rookies (2019+). */
const IDS_45_71 = {
  45: "Artem Markelov",
  46: "Tadasuke Makino",
  47: "Sean Gelael",
  48: "Nyck De Vries",
  49: "Jack Aitken",
  50: "George Russell",
  51: "Maximilian Günther",
  52: "Nirei Fukuzumi",
  53: "Luca Ghiotto",
  54: "Lando Norris",
  55: "Sérgio Sette Câmara",
  56: "Louis Delétraz",
  57: "Antonio Fuoco",
  58: "Charles Leclerc",
  59: "Pierre Gasly",
  62: "Alexander Albon",
  63: "Nicholas Latifi",
  64: "Dorian Boccolacci",
  65: "Niko Kari",
  66: "Roberto Merhi",
  67: "Arjun Maini",
  68: "Alessio Lorandi",
  69: "Ruben Meijer",
  70: "Rashid Nair",
  71: "Jack Tremblay",
} as const;

const F1_2019_GRID = {
  0: "Carlos Sainz",
  1: "Daniil Kvyat",
  2: "Daniel Ricciardo",
  6: "Kimi Räikkönen",
  7: "Lewis Hamilton",
  9: "Max Verstappen",
  10: "Nico Hülkenberg",
  11: "Kevin Magnussen",
  12: "Romain Grosjean",
  13: "Sebastian Vettel",
  14: "Sergio Perez",
  15: "Valtteri Bottas",
  19: "Lance Stroll",
} as const;

/** F2 2019 drivers and others added by F1 2020 (kept in 2021 and later). */
const IDS_78_89 = {
  78: "Nobuharu Matsushita",
  79: "Nikita Mazepin",
  80: "Guanyu Zhou",
  81: "Mick Schumacher",
  82: "Callum Ilott",
  83: "Juan Manuel Correa",
  84: "Jordan King",
  85: "Mahaveer Raghunathan",
  86: "Tatiana Calderón",
  87: "Anthoine Hubert",
  88: "Giuliano Alesi",
  89: "Ralph Boschung",
} as const;

export const DRIVERS_2018 = {
  ...F1_2019_GRID,
  3: "Fernando Alonso",
  8: "Marcus Ericsson",
  17: "Esteban Ocon",
  18: "Stoffel Vandoorne",
  ...CAREER_DRIVERS,
  ...IDS_37_44,
  58: "Charles Leclerc",
  59: "Pierre Gasly",
  60: "Brendon Hartley",
  61: "Sergey Sirotkin",
  69: "Ruben Meijer",
  70: "Rashid Nair",
  71: "Jack Tremblay",
} as const;

export const DRIVERS_2019 = {
  ...F1_2019_GRID,
  ...CAREER_DRIVERS,
  ...IDS_37_44,
  ...IDS_45_71,
  74: "Antonio Giovinazzi",
  75: "Robert Kubica",
} as const;

export const DRIVERS_2020 = {
  ...DRIVERS_2019,
  17: "Esteban Ocon",
  ...IDS_78_89,
} as const;

export const DRIVERS_2021 = {
  ...F1_2019_GRID,
  3: "Fernando Alonso",
  4: "Felipe Massa",
  17: "Esteban Ocon",
  ...CAREER_DRIVERS,
  ...IDS_37_44,
  ...IDS_45_71,
  72: "Devon Butler",
  73: "Lukas Weber",
  74: "Antonio Giovinazzi",
  75: "Robert Kubica",
  76: "Alain Prost",
  77: "Ayrton Senna",
  ...IDS_78_89,
  90: "Michael Schumacher",
  91: "Dan Ticktum",
  92: "Marcus Armstrong",
  93: "Christian Lundgaard",
  94: "Yuki Tsunoda",
  95: "Jehan Daruvala",
  96: "Guilherme Samaia",
  97: "Pedro Piquet",
  98: "Felipe Drugovich",
  99: "Robert Schwartzman",
  100: "Roy Nissany",
  101: "Marino Sato",
  102: "Aidan Jackson",
  103: "Casper Akkerman",
  109: "Jenson Button",
  110: "David Coulthard",
  111: "Nico Rosberg",
} as const;

/** Added by F1 22 and kept with the same ids in F1 23 and F1 24. */
export const IDS_112_126 = {
  112: "Oscar Piastri",
  113: "Liam Lawson",
  114: "Juri Vips",
  115: "Theo Pourchaire",
  116: "Richard Verschoor",
  117: "Lirim Zendeli",
  118: "David Beckmann",
  121: "Alessio Deledda",
  122: "Bent Viscaal",
  123: "Enzo Fittipaldi",
  125: "Mark Webber",
  126: "Jacques Villeneuve",
} as const;

export const DRIVERS_2022 = {
  ...DRIVERS_2021,
  ...IDS_112_126,
  127: "Jake Hughes",
  128: "Frederik Vesti",
  129: "Olli Caldwell",
  130: "Logan Sargeant",
  131: "Cem Bölükbasi",
  132: "Ayumu Iwasa",
  133: "Clément Novalak",
  134: "Dennis Hauger",
  135: "Calan Williams",
  136: "Jack Doohan",
  137: "Amaury Cordeel",
  138: "Mika Hakkinen",
} as const;
