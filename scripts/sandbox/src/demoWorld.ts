/**
 * The sandbox's demo world: synthetic people and bank accounts only.
 *
 * ID numbers are valid GB 11643 numbers (area + birth date + sequence + MOD 11-2 check digit);
 * card numbers use real debit-card BINs from shared/data/bank-bins/bin.csv and carry a valid Luhn digit.
 * 重庆农村商业银行 (CRCBANK) only has 16-digit debit BINs there, so its cards use 621258 (16 digits).
 */

export type AccountStatus = 'normal' | 'closed' | 'frozen';
export type VerifyResult = 'ok' | 'mismatch' | 'closed' | 'frozen' | 'not_found';

export interface DemoAccount {
  accountNumber: string;
  bankCode: string;
  status: AccountStatus;
  /** null: a test card that verifies ok for any name and ID while normal. */
  owner: { name: string; idNumber: string } | null;
  /** What it demonstrates (Chinese). */
  outcome: string;
}

export interface DemoPerson {
  /** Stable slug, e.g. 'tan-mei'. */
  key: string;
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  /** YYYY-MM-DD */
  birthDate: string;
  /** Synthetic mobile number (1380000xxxx) the identity platform returns at face verification, for SMS. */
  mobile: string;
  note: string;
  accounts: DemoAccount[];
}

export interface DemoTestAccount extends DemoAccount {
  /** What POST /bank/accounts/verify answers for it (with any demo person's name and ID). */
  expected: VerifyResult;
  /** false: the bank does not know the number (not put in the sandbox's store). */
  inBank: boolean;
}

export interface DemoWorld {
  people: DemoPerson[];
  testAccounts: DemoTestAccount[];
}

function person(
  p: Omit<DemoPerson, 'accounts'> & {
    accounts: Array<Omit<DemoAccount, 'owner'>>;
  },
): DemoPerson {
  const owner = { name: p.name, idNumber: p.idNumber };
  return { ...p, accounts: p.accounts.map((a) => ({ ...a, owner })) };
}

const people: DemoPerson[] = [
  person({
    key: 'tan-mei',
    name: '谭梅',
    idNumber: '500105198003191829',
    gender: 'female',
    birthDate: '1980-03-19',
    mobile: '13800000101',
    note: '有一卡通账号（重庆农商行卡），两个使用区县；另有两张可变更的新卡',
    accounts: [
      {
        accountNumber: '6212583000182465',
        bankCode: 'CRCBANK',
        status: 'normal',
        outcome: '当前一卡通账号，用于两个使用区县',
      },
      {
        accountNumber: '6212583000527313',
        bankCode: 'CRCBANK',
        status: 'normal',
        outcome: '本人名下的新卡（重庆农商行），变更可通过银行验证',
      },
      {
        accountNumber: '6222023100025814737',
        bankCode: 'ICBC',
        status: 'normal',
        outcome: '本人名下的新卡（工商银行），变更可通过银行验证',
      },
    ],
  }),
  person({
    key: 'wang-yu',
    name: '王宇',
    idNumber: '500103198805172352',
    gender: 'male',
    birthDate: '1988-05-17',
    mobile: '13800000102',
    note: '尚未绑定一卡通账号',
    accounts: [
      {
        accountNumber: '6217003620058392149',
        bankCode: 'CCB',
        status: 'normal',
        outcome: '本人名下的建设银行卡，但没有一卡通账号',
      },
    ],
  }),
  person({
    key: 'ran-guiying',
    name: '冉桂英',
    idNumber: '500242195203080465',
    gender: 'female',
    birthDate: '1952-03-08',
    mobile: '13800000103',
    note: '酉阳县农户，一卡通账号上卡失败成为无效卡，有系统通知',
    accounts: [
      {
        accountNumber: '6212583020401184',
        bankCode: 'CRCBANK',
        status: 'closed',
        outcome: '原一卡通账号，已销户（上卡失败，无效卡）',
      },
      {
        accountNumber: '6212583020935645',
        bankCode: 'CRCBANK',
        status: 'normal',
        outcome: '本人名下的新卡（重庆农商行），变更可通过银行验证',
      },
    ],
  }),
  person({
    key: 'chen-jing',
    name: '陈静',
    idNumber: '500105199107220684',
    gender: 'female',
    birthDate: '1991-07-22',
    mobile: '13800000104',
    note: '江北区有一条待审核的变更申请',
    accounts: [
      {
        accountNumber: '6228480270014366529',
        bankCode: 'ABC',
        status: 'normal',
        outcome: '当前一卡通账号（农业银行）',
      },
      {
        accountNumber: '6228480270019288470',
        bankCode: 'ABC',
        status: 'normal',
        outcome: '待审核变更申请的新卡（农业银行）',
      },
    ],
  }),
  person({
    key: 'zhou-jianguo',
    name: '周建国',
    idNumber: '500101196709151314',
    gender: 'male',
    birthDate: '1967-09-15',
    mobile: '13800000105',
    note: '万州区，有已办结的申请：审核通过、审核不通过、申请失败',
    accounts: [
      {
        accountNumber: '6216610800031755029',
        bankCode: 'BOC',
        status: 'normal',
        outcome: '当前一卡通账号（中国银行，审核通过的变更后启用）',
      },
      {
        accountNumber: '6217003620074415387',
        bankCode: 'CCB',
        status: 'normal',
        outcome: '审核不通过的变更申请所填的卡（建设银行）',
      },
    ],
  }),
  person({
    key: 'li-qiang',
    name: '李强',
    idNumber: '500101198502033774',
    gender: 'male',
    birthDate: '1985-02-03',
    mobile: '13800000106',
    note: '万州区有一条待审核的变更申请（市级经办人可见，江北区经办人不可见）',
    accounts: [
      {
        accountNumber: '6217996500113428709',
        bankCode: 'PSBC',
        status: 'normal',
        outcome: '当前一卡通账号（邮政储蓄银行）',
      },
      {
        accountNumber: '6212583010668206',
        bankCode: 'CRCBANK',
        status: 'normal',
        outcome: '待审核变更申请的新卡（重庆农商行）',
      },
    ],
  }),
];

/** A made-up owner who is none of the demo people: verifying the mismatch card as anyone else answers mismatch. */
const strangerOwner = { name: '刘芳', idNumber: '500112197506112140' };

const testAccounts: DemoTestAccount[] = [
  {
    accountNumber: '6212583990000016',
    bankCode: 'CRCBANK',
    status: 'normal',
    owner: null,
    outcome: '测试卡：任何户名和证件号码均验证通过',
    expected: 'ok',
    inBank: true,
  },
  {
    accountNumber: '6212583990000024',
    bankCode: 'CRCBANK',
    status: 'closed',
    owner: null,
    outcome: '测试卡：已销户',
    expected: 'closed',
    inBank: true,
  },
  {
    accountNumber: '6212583990000032',
    bankCode: 'CRCBANK',
    status: 'frozen',
    owner: null,
    outcome: '测试卡：已冻结',
    expected: 'frozen',
    inBank: true,
  },
  {
    accountNumber: '6212583990000040',
    bankCode: 'CRCBANK',
    status: 'normal',
    owner: strangerOwner,
    outcome: '测试卡：户名或证件号码与开户信息不符（开户人不是演示人员）',
    expected: 'mismatch',
    inBank: true,
  },
  {
    accountNumber: '6212583990000057',
    bankCode: 'CRCBANK',
    status: 'normal',
    owner: null,
    outcome: '测试卡号：银行查无此账户',
    expected: 'not_found',
    inBank: false,
  },
];

export const demoWorld: DemoWorld = { people, testAccounts };

/** A demo person by key ('tan-mei', 'wang-yu', …): the one lookup tests and scripts use. */
export function demoPerson(key: string, world: DemoWorld = demoWorld): DemoPerson {
  const person = world.people.find((p) => p.key === key);
  if (!person) throw new Error(`no demo person ${key}`);
  return person;
}

/** Every account the sandbox bank knows at start. */
export function demoBankAccounts(world: DemoWorld = demoWorld): DemoAccount[] {
  return [...world.people.flatMap((p) => p.accounts), ...world.testAccounts.filter((a) => a.inBank)];
}
