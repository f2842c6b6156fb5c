// Which country a WhatsApp phone number belongs to, as far as its calling code tells, and whether the WhatsApp
// Business Platform is restricted there.
// Source: WhatsApp Cloud API "Support / Troubleshooting", section "Country Restrictions"
// (https://developers.facebook.com/docs/whatsapp/cloud-api/support/troubleshooting). The later editions of that
// page say Turkey is no longer restricted since 2024-05-15; the later statement wins.

export interface RegionInfo {
  /** Digits of the country calling code, without `+`: `53`, `1`, `380`. */
  callingCode: string;
  region: string;
  /** Businesses there may not use the platform, and WhatsApp users there cannot receive its messages. */
  restricted: boolean;
  note?: string;
}

/** Calling codes the platform restricts. */
export const RESTRICTED_CALLING_CODES: Readonly<Record<string, string>> = {
  '53': 'Cuba',
  '98': 'Iran',
  '850': 'North Korea',
  '963': 'Syria',
};

const NOTES: Readonly<Record<string, string>> = {
  '380':
    'Three regions of Ukraine (Crimea, Donetsk and Luhansk) are sanctioned and cannot use the WhatsApp Business ' +
    'Platform or receive its messages; a +380 number does not tell whether it is in one of them.',
  '90':
    'Turkey is not restricted: since 2024-05-15 businesses can start conversations with, and receive messages ' +
    'from, WhatsApp users with Turkish numbers.',
};

// Every ITU country calling code, so that longest-prefix matching never reads a number under the wrong code
// (a +55 Brazilian number as +5x, a +852 Hong Kong number as +85x). The set is prefix-free: no code is the
// start of another, so at most one code matches a number.
const CALLING_CODES: Readonly<Record<string, string>> = {
  '1': 'North America (NANP: United States, Canada, Caribbean)',
  '7': 'Russia / Kazakhstan',
  '20': 'Egypt',
  '211': 'South Sudan',
  '212': 'Morocco',
  '213': 'Algeria',
  '216': 'Tunisia',
  '218': 'Libya',
  '220': 'Gambia',
  '221': 'Senegal',
  '222': 'Mauritania',
  '223': 'Mali',
  '224': 'Guinea',
  '225': "Côte d'Ivoire",
  '226': 'Burkina Faso',
  '227': 'Niger',
  '228': 'Togo',
  '229': 'Benin',
  '230': 'Mauritius',
  '231': 'Liberia',
  '232': 'Sierra Leone',
  '233': 'Ghana',
  '234': 'Nigeria',
  '235': 'Chad',
  '236': 'Central African Republic',
  '237': 'Cameroon',
  '238': 'Cape Verde',
  '239': 'São Tomé and Príncipe',
  '240': 'Equatorial Guinea',
  '241': 'Gabon',
  '242': 'Republic of the Congo',
  '243': 'DR Congo',
  '244': 'Angola',
  '245': 'Guinea-Bissau',
  '246': 'Diego Garcia',
  '247': 'Ascension Island',
  '248': 'Seychelles',
  '249': 'Sudan',
  '250': 'Rwanda',
  '251': 'Ethiopia',
  '252': 'Somalia',
  '253': 'Djibouti',
  '254': 'Kenya',
  '255': 'Tanzania',
  '256': 'Uganda',
  '257': 'Burundi',
  '258': 'Mozambique',
  '260': 'Zambia',
  '261': 'Madagascar',
  '262': 'Réunion / Mayotte',
  '263': 'Zimbabwe',
  '264': 'Namibia',
  '265': 'Malawi',
  '266': 'Lesotho',
  '267': 'Botswana',
  '268': 'Eswatini',
  '269': 'Comoros',
  '27': 'South Africa',
  '290': 'Saint Helena',
  '291': 'Eritrea',
  '297': 'Aruba',
  '298': 'Faroe Islands',
  '299': 'Greenland',
  '30': 'Greece',
  '31': 'Netherlands',
  '32': 'Belgium',
  '33': 'France',
  '34': 'Spain',
  '350': 'Gibraltar',
  '351': 'Portugal',
  '352': 'Luxembourg',
  '353': 'Ireland',
  '354': 'Iceland',
  '355': 'Albania',
  '356': 'Malta',
  '357': 'Cyprus',
  '358': 'Finland',
  '359': 'Bulgaria',
  '36': 'Hungary',
  '370': 'Lithuania',
  '371': 'Latvia',
  '372': 'Estonia',
  '373': 'Moldova',
  '374': 'Armenia',
  '375': 'Belarus',
  '376': 'Andorra',
  '377': 'Monaco',
  '378': 'San Marino',
  '379': 'Vatican City',
  '380': 'Ukraine',
  '381': 'Serbia',
  '382': 'Montenegro',
  '383': 'Kosovo',
  '385': 'Croatia',
  '386': 'Slovenia',
  '387': 'Bosnia and Herzegovina',
  '389': 'North Macedonia',
  '39': 'Italy',
  '40': 'Romania',
  '41': 'Switzerland',
  '420': 'Czechia',
  '421': 'Slovakia',
  '423': 'Liechtenstein',
  '43': 'Austria',
  '44': 'United Kingdom',
  '45': 'Denmark',
  '46': 'Sweden',
  '47': 'Norway',
  '48': 'Poland',
  '49': 'Germany',
  '500': 'Falkland Islands',
  '501': 'Belize',
  '502': 'Guatemala',
  '503': 'El Salvador',
  '504': 'Honduras',
  '505': 'Nicaragua',
  '506': 'Costa Rica',
  '507': 'Panama',
  '508': 'Saint Pierre and Miquelon',
  '509': 'Haiti',
  '51': 'Peru',
  '52': 'Mexico',
  '53': 'Cuba',
  '54': 'Argentina',
  '55': 'Brazil',
  '56': 'Chile',
  '57': 'Colombia',
  '58': 'Venezuela',
  '590': 'Guadeloupe',
  '591': 'Bolivia',
  '592': 'Guyana',
  '593': 'Ecuador',
  '594': 'French Guiana',
  '595': 'Paraguay',
  '596': 'Martinique',
  '597': 'Suriname',
  '598': 'Uruguay',
  '599': 'Curaçao / Caribbean Netherlands',
  '60': 'Malaysia',
  '61': 'Australia',
  '62': 'Indonesia',
  '63': 'Philippines',
  '64': 'New Zealand',
  '65': 'Singapore',
  '66': 'Thailand',
  '670': 'Timor-Leste',
  '672': 'Norfolk Island',
  '673': 'Brunei',
  '674': 'Nauru',
  '675': 'Papua New Guinea',
  '676': 'Tonga',
  '677': 'Solomon Islands',
  '678': 'Vanuatu',
  '679': 'Fiji',
  '680': 'Palau',
  '681': 'Wallis and Futuna',
  '682': 'Cook Islands',
  '683': 'Niue',
  '685': 'Samoa',
  '686': 'Kiribati',
  '687': 'New Caledonia',
  '688': 'Tuvalu',
  '689': 'French Polynesia',
  '690': 'Tokelau',
  '691': 'Micronesia',
  '692': 'Marshall Islands',
  '81': 'Japan',
  '82': 'South Korea',
  '84': 'Vietnam',
  '850': 'North Korea',
  '852': 'Hong Kong',
  '853': 'Macau',
  '855': 'Cambodia',
  '856': 'Laos',
  '86': 'China',
  '880': 'Bangladesh',
  '886': 'Taiwan',
  '90': 'Turkey',
  '91': 'India',
  '92': 'Pakistan',
  '93': 'Afghanistan',
  '94': 'Sri Lanka',
  '95': 'Myanmar',
  '960': 'Maldives',
  '961': 'Lebanon',
  '962': 'Jordan',
  '963': 'Syria',
  '964': 'Iraq',
  '965': 'Kuwait',
  '966': 'Saudi Arabia',
  '967': 'Yemen',
  '968': 'Oman',
  '970': 'Palestine',
  '971': 'United Arab Emirates',
  '972': 'Israel',
  '973': 'Bahrain',
  '974': 'Qatar',
  '975': 'Bhutan',
  '976': 'Mongolia',
  '977': 'Nepal',
  '98': 'Iran',
  '992': 'Tajikistan',
  '993': 'Turkmenistan',
  '994': 'Azerbaijan',
  '995': 'Georgia',
  '996': 'Kyrgyzstan',
  '998': 'Uzbekistan',
};

/** All calling codes the module knows, for tests and tooling. */
export function knownCallingCodes(): string[] {
  return Object.keys(CALLING_CODES);
}

/** E.164 allows at most 15 digits; fewer than 4 cannot be a calling code plus a subscriber number. */
const MIN_DIGITS = 4;
const MAX_DIGITS = 15;

/**
 * The international digits of a phone number as people write it: `+53 5 1234567`, `+1 (555) 010-0001`,
 * `0053 5...` (00 exit code), `011 53 ...` (North American exit code), or bare digits as Graph's
 * `display_phone_number` sometimes gives them. A leading single 0 is a national number: `undefined`.
 */
export function internationalDigits(input: string): string | undefined {
  let s = input.trim();
  if (s.toLowerCase().startsWith('tel:')) s = s.slice(4).trim();
  if (!/^\+?[\d\s().\-/]+$/.test(s)) return undefined;
  const plus = s.startsWith('+');
  let digits = s.replace(/\D/g, '');
  if (!plus) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    else if (digits.startsWith('011')) digits = digits.slice(3);
    else if (digits.startsWith('0')) return undefined;
  }
  if (digits.startsWith('0')) return undefined;
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return undefined;
  return digits;
}

/** The country a number's calling code points to, and whether the platform is restricted there. */
export function regionOf(displayPhoneNumber: string): RegionInfo | undefined {
  const digits = internationalDigits(displayPhoneNumber);
  if (digits === undefined) return undefined;
  for (let len = 3; len >= 1; len--) {
    const callingCode = digits.slice(0, len);
    const region = CALLING_CODES[callingCode];
    if (region === undefined) continue;
    const note = NOTES[callingCode];
    return {
      callingCode,
      region,
      restricted: callingCode in RESTRICTED_CALLING_CODES,
      ...(note ? { note } : {}),
    };
  }
  return undefined;
}

/**
 * One line to show when a phone number is in a restricted country, else `undefined`. Says nothing for +380:
 * the sanctioned regions of Ukraine cannot be told from the number (see `regionOf(...).note`).
 */
export function restrictedRegionWarning(display: string): string | undefined {
  const info = regionOf(display);
  if (!info?.restricted) return undefined;
  return (
    `The number's calling code +${info.callingCode} is ${info.region}, where the WhatsApp Business Platform is ` +
    'restricted: businesses there may not use it, and WhatsApp users there cannot receive its messages.'
  );
}
