const app = document.getElementById('app');
if (app) app.querySelector('p')!.textContent = 'The playground is under construction.';
