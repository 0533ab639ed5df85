import { fakerRU } from '@faker-js/faker';
import { WeightedTable, type Rng } from './demo.random.js';

// Names of adults shopping today. faker's Russian first-name lists are mostly archaic (Автоном,
// Евпраксия), which looks odd in a CRM, so first names and patronymics are weighted here by how common
// they are; last names come from faker, whose male and female lists are paired forms (Иванов/Иванова).

/** A customer's gender; first, last and middle names always agree with it. */
export type Gender = 'female' | 'male';

/** A full Russian name in the customer's gender. */
export interface RussianName {
  firstName: string;
  lastName: string;
  middleName: string;
}

const maleFirst: [string, number][] = [
  ['Александр', 10], ['Сергей', 9], ['Дмитрий', 9], ['Андрей', 8], ['Алексей', 8], ['Максим', 6],
  ['Евгений', 6], ['Иван', 6], ['Михаил', 6], ['Владимир', 5], ['Артём', 5], ['Николай', 4],
  ['Павел', 4], ['Игорь', 4], ['Роман', 4], ['Денис', 4], ['Никита', 4], ['Олег', 3], ['Антон', 3],
  ['Илья', 3], ['Кирилл', 3], ['Юрий', 3], ['Виктор', 3], ['Вячеслав', 2], ['Константин', 2],
  ['Егор', 2], ['Василий', 2], ['Станислав', 2], ['Виталий', 2], ['Владислав', 2], ['Даниил', 2],
  ['Руслан', 2], ['Тимур', 1], ['Геннадий', 1], ['Анатолий', 1], ['Валерий', 1], ['Вадим', 1],
  ['Григорий', 1], ['Леонид', 1], ['Георгий', 1], ['Степан', 1], ['Матвей', 1], ['Фёдор', 1],
  ['Пётр', 1], ['Борис', 1], ['Ярослав', 1], ['Глеб', 1], ['Марат', 1], ['Ринат', 0.5],
];

const femaleFirst: [string, number][] = [
  ['Елена', 9], ['Анна', 9], ['Ольга', 8], ['Наталья', 8], ['Татьяна', 8], ['Екатерина', 8],
  ['Мария', 7], ['Ирина', 7], ['Анастасия', 7], ['Светлана', 6], ['Юлия', 6], ['Марина', 5],
  ['Дарья', 5], ['Ксения', 4], ['Алина', 4], ['Виктория', 4], ['Евгения', 3], ['Людмила', 3],
  ['Надежда', 3], ['Оксана', 3], ['Полина', 3], ['Елизавета', 3], ['Алёна', 3], ['Кристина', 3],
  ['Александра', 3], ['Галина', 2], ['Валентина', 2], ['Софья', 2], ['Вероника', 2], ['Валерия', 2],
  ['Лариса', 2], ['Любовь', 2], ['Яна', 2], ['Диана', 2], ['Маргарита', 2], ['Вера', 2], ['Карина', 2],
  ['Нина', 1], ['Алла', 1], ['Ангелина', 1], ['Василиса', 1], ['Милана', 1], ['Эльвира', 1],
  ['Гульнара', 0.5], ['Лилия', 1], ['Жанна', 1], ['Регина', 1],
];

// Fathers' names for patronymics: [male form, female form, weight]; irregular forms (Ильич) are why
// this is a table and not a suffix rule.
const patronymics: [string, string, number][] = [
  ['Александрович', 'Александровна', 10], ['Сергеевич', 'Сергеевна', 9], ['Владимирович', 'Владимировна', 8],
  ['Николаевич', 'Николаевна', 7], ['Андреевич', 'Андреевна', 7], ['Алексеевич', 'Алексеевна', 7],
  ['Михайлович', 'Михайловна', 6], ['Юрьевич', 'Юрьевна', 5], ['Викторович', 'Викторовна', 5],
  ['Иванович', 'Ивановна', 5], ['Анатольевич', 'Анатольевна', 4], ['Дмитриевич', 'Дмитриевна', 5],
  ['Игоревич', 'Игоревна', 4], ['Евгеньевич', 'Евгеньевна', 4], ['Валерьевич', 'Валерьевна', 3],
  ['Олегович', 'Олеговна', 3], ['Васильевич', 'Васильевна', 3], ['Павлович', 'Павловна', 3],
  ['Петрович', 'Петровна', 3], ['Геннадьевич', 'Геннадьевна', 2], ['Вячеславович', 'Вячеславовна', 2],
  ['Борисович', 'Борисовна', 2], ['Леонидович', 'Леонидовна', 2], ['Григорьевич', 'Григорьевна', 1],
  ['Константинович', 'Константиновна', 2], ['Валентинович', 'Валентиновна', 1], ['Ильич', 'Ильинична', 1],
  ['Никитич', 'Никитична', 0.5], ['Фёдорович', 'Фёдоровна', 1], ['Романович', 'Романовна', 2],
  ['Максимович', 'Максимовна', 2], ['Вадимович', 'Вадимовна', 1], ['Аркадьевич', 'Аркадьевна', 1],
];

const maleFirstTable = new WeightedTable(maleFirst);
const femaleFirstTable = new WeightedTable(femaleFirst);
const patronymicTable = new WeightedTable(patronymics.map(([m, f, w]) => [[m, f] as const, w] as const));
const lastNamePairs = pairLastNames();

/** Pairs faker's male and female last names by stem, keeping only pairs that are true gender forms. */
function pairLastNames(): (readonly [string, string])[] {
  const definitions = fakerRU.definitions.person?.last_name;
  const male = definitions?.male ?? [];
  const female = new Set(definitions?.female ?? []);
  const pairs: (readonly [string, string])[] = [];
  for (const name of male) {
    // -ов/-ев/-ин/-ын take "а"; -ский/-цкий and -ой/-ый become -ская/-цкая/-ая.
    const feminine = /(ий|ой|ый)$/.test(name) ? `${name.slice(0, -2)}ая` : `${name}а`;
    if (female.has(feminine)) pairs.push([name, feminine]);
  }
  if (pairs.length < 50) throw new Error('faker Russian last-name lists changed shape; demo names need pairs');
  return pairs;
}

/** A random full name agreeing with the gender (the middle name is always drawn; callers may drop it). */
export function randomName(rng: Rng, gender: Gender): RussianName {
  const male = gender === 'male';
  const [lastMale, lastFemale] = rng.pick(lastNamePairs);
  const [middleMale, middleFemale] = patronymicTable.sample(rng);
  return {
    firstName: (male ? maleFirstTable : femaleFirstTable).sample(rng),
    lastName: male ? lastMale : lastFemale,
    middleName: male ? middleMale : middleFemale,
  };
}

const translitMap: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Lower-case Latin spelling of a Russian word, the way people type it in e-mail addresses. */
export function transliterate(text: string): string {
  let out = '';
  for (const char of text.toLowerCase()) out += translitMap[char] ?? (/[a-z0-9]/.test(char) ? char : '');
  return out;
}

const emailDomains = new WeightedTable<string>([
  ['mail.ru', 30], ['yandex.ru', 25], ['gmail.com', 20], ['bk.ru', 6], ['inbox.ru', 6], ['list.ru', 6],
  ['rambler.ru', 4], ['ya.ru', 3],
]);

/**
 * An e-mail address built from the name plus a number unique to the customer; the local part before
 * the number never ends in a digit, so distinct numbers always give distinct addresses.
 */
export function emailFor(rng: Rng, firstName: string, lastName: string, uniqueNumber: number): string {
  const first = transliterate(firstName);
  const last = transliterate(lastName);
  const patterns = [
    `${first}.${last}`, `${last}.${first}`, `${first[0]}.${last}`, `${last}_${first}`,
    `${first}${last}`, `${last}${first[0]}`, `${first}_${last[0]}`, last,
  ];
  return `${rng.pick(patterns)}${uniqueNumber}@${emailDomains.sample(rng)}`;
}
