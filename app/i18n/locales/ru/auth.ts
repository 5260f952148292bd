/** Russian: log in, sign up, log out. */
export const auth = {
  auth: {
    loginHeading: "Вход",
    registerHeading: "Регистрация",
    email: "Электронная почта",
    password: "Пароль",
    passwordHint: "Не короче 10 символов. Можно фразу из нескольких слов.",
    displayName: "Имя, которое увидят коллеги",
    homeNetwork: "Ваша региональная сеть",
    chooseNetwork: "— выберите сеть —",
    school: "Школа",
    schoolHint: "Например: МБОУ СОШ № 5, г. Бийск",
    subjects: "Предметы, которые вы ведёте",
    subjectsHint: "Через запятую: математика, физика",
    submitLogin: "Войти",
    submitRegister: "Зарегистрироваться",
    noAccount: "Нет учётной записи?",
    demoAccounts:
      "Демо-режим: адреса и пароли демо-учётных записей записаны в файл demo-accounts.txt рядом с базой данных (по умолчанию data/demo-accounts.txt).",
    haveAccount: "Уже зарегистрированы?",
  },
} as const;
