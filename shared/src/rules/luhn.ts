/** Luhn (ISO/IEC 7812-1 MOD 10) check digit of bank card numbers. */

// Sum of the digits, doubling every second digit counted from the right. `doubleFirst` says
// whether the rightmost digit is doubled (true while computing a check digit still to be appended).
function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/** True when `digits` (2 or more ASCII digits, nothing else) ends with a correct Luhn check digit. */
export function luhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnSum(digits, false) % 10 === 0;
}

/** The check digit to append to `digitsWithoutCheck` (1 or more ASCII digits; throws otherwise). */
export function luhnCheckDigit(digitsWithoutCheck: string): string {
  if (!/^\d+$/.test(digitsWithoutCheck)) throw new TypeError('luhnCheckDigit: digits only, at least one');
  return String((10 - (luhnSum(digitsWithoutCheck, true) % 10)) % 10);
}
