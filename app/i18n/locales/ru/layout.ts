/** Russian: navigation and footer. */
export const layout = {
  nav: {
    skip: "Перейти к содержанию",
    home: "Коллеги",
    login: "Войти",
    register: "Регистрация",
    logout: "Выйти",
    admin: "Администрирование",
    main: "Главное меню",
    switchTo: "English",
  },
  footer: {
    about: "«Коллеги» — форум взаимопомощи учителей.",
  },
} as const;
