/** Russian: page title, navigation and footer. */
export const layout = {
  meta: {
    title: "Коллеги — сообщество учителей",
    description: "Форум региональных сетей учителей: вопросы, ответы, наставники.",
  },
  nav: {
    skip: "Перейти к содержанию",
    home: "Коллеги",
    networks: "Сети",
    login: "Войти",
    register: "Регистрация",
    logout: "Выйти",
    profile: "Профиль",
    admin: "Администрирование",
    main: "Главное меню",
    language: "Язык",
    switchTo: "English",
  },
  footer: {
    about: "«Коллеги» — форум взаимопомощи учителей.",
  },
} as const;
