/** Russian: a person's settings. */
export const settings = {
  settings: {
    profileHeading: "Профиль",
    passwordHeading: "Смена пароля",
    save: "Сохранить",
    saved: "Сохранено.",
    currentPassword: "Текущий пароль",
    newPassword: "Новый пароль",
    changePassword: "Сменить пароль",
    passwordChanged: "Пароль изменён. Остальные сеансы завершены.",
    language: "Язык интерфейса",
    myNetworks: "Мои сети",
  },
} as const;
